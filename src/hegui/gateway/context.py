"""Per-request state: who is asking, with which flags, and what was decided."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from hegui.records.store import AppInfo


def new_request_id() -> str:
    return "hg-" + secrets.token_hex(12)


@dataclass(slots=True)
class RequestContext:
    operation: str
    request_id: str = field(default_factory=new_request_id)
    t0: float = field(default_factory=time.perf_counter)
    app: AppInfo | None = None
    user: str | None = None
    """The keyed pseudonym of the end user (never the raw id)."""
    minor: bool = False
    verified: bool = False
    label_opt_out: bool = False
    training_opt_out: bool = False
    source_ip: str | None = None
    source_port: int | None = None
    user_agent: str | None = None
    model: str | None = None
    stream: bool = False

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.t0) * 1000.0
