"""Operators that rewrite a span of text: redact, mask, keep-last-4, pseudonymise (keyed HMAC)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from hegui.policy.config import MaskingConfig, MaskOperator
from hegui.types import Finding


class Masker:
    def __init__(self, config: MaskingConfig) -> None:
        self._config = config
        uses_hmac = config.operator == "pseudonymize" or "pseudonymize" in config.per_entity.values()
        if uses_hmac and config.pseudonym_key is None:
            raise ValueError("policy.masking.pseudonym_key is required by the pseudonymize operator")
        key = config.pseudonym_key.get_secret_value() if config.pseudonym_key else ""
        self._key = key.encode()

    def operator_for(self, finding: Finding) -> MaskOperator:
        if finding.entity and finding.entity in self._config.per_entity:
            return self._config.per_entity[finding.entity]
        return self._config.operator

    def replace(self, finding: Finding, original: str) -> str:
        op = self.operator_for(finding)
        label = finding.entity or finding.risk
        if op == "redact":
            return f"[{label}]"
        if op == "mask":
            return self._config.mask_char * len(original)
        if op == "keep_last_4":
            keep = 4 if len(original) > 4 else 0
            return self._config.mask_char * (len(original) - keep) + original[len(original) - keep:]
        digest = hmac.new(self._key, original.encode(), hashlib.sha256).hexdigest()[:12]
        return f"<{label}:{digest}>"

    def apply(self, text: str, findings: Sequence[Finding]) -> str:
        """Rewrite the given spans. Overlapping spans merge into the first one's operator."""
        if not findings:
            return text
        pieces: list[str] = []
        pos = 0
        for f in sorted(findings, key=lambda f: (f.start, -f.end)):
            if f.end <= pos:
                continue
            start = max(f.start, pos)
            pieces.append(text[pos:start])
            pieces.append(self.replace(f, text[start:f.end]))
            pos = f.end
        pieces.append(text[pos:])
        return "".join(pieces)
