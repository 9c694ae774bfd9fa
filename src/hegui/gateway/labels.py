"""Labels on generated text: the explicit text label and the GB 45438 implicit label."""

from __future__ import annotations

import logging

from hegui.gateway.config import PLACEHOLDER_PRODUCER, LabelsConfig
from hegui.label.metadata import AIGCLabel, AIGCLabelFactory

log = logging.getLogger("hegui.gateway")


class Labeler:
    """Adds the explicit label where configured and mints one implicit label per answer."""

    def __init__(self, config: LabelsConfig) -> None:
        self.config = config
        self._factory = AIGCLabelFactory(producer=config.producer)
        self.position = config.explicit.position
        self._prefix = config.explicit.text + config.explicit.separator
        self._suffix = config.explicit.separator + config.explicit.text
        if config.producer == PLACEHOLDER_PRODUCER:
            log.warning("gateway.labels.producer is the placeholder code; set your provider code")

    def implicit(self) -> AIGCLabel:
        return self._factory.new()

    def wants_explicit(self, opted_out: bool) -> bool:
        return self.position != "none" and not (opted_out and self.config.allow_opt_out)

    def prefix(self) -> str:
        """Text sent before the answer (position `start`)."""
        return self._prefix if self.position == "start" else ""

    def suffix(self) -> str:
        """Text sent after the answer (position `end`)."""
        return self._suffix if self.position == "end" else ""

    def apply(self, text: str) -> str:
        return self.prefix() + text + self.suffix()
