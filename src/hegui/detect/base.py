"""The one protocol every detector implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from hegui.text.normalize import Normalized
from hegui.types import Finding


@runtime_checkable
class Detector(Protocol):
    """Finds risks in one text.

    `norm.raw` is the caller's text and `norm.text` its normalised view (computed once per text
    and shared by every detector); findings index `norm.raw` (use `norm.to_raw` for spans found
    in `norm.text`). A detector raises on failure; the checker turns that into a refusal
    (fail closed) and names the detector in the verdict.
    """

    name: str

    def detect(self, norm: Normalized) -> list[Finding]: ...
