"""A Hyperscan pre-check: which of several expressions occur in a text, in one pass.

Detectors with many Python regexes ask this first and run only the regexes whose gate fired,
so clean text (the common case) costs one compiled scan instead of one pass per regex.
Gates must over-approximate: a regex may only match where its gate matches.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import hyperscan


def _on_match(id_: int, start: int, end: int, flags: int, context: object) -> None:
    if isinstance(context, set):
        context.add(id_)


class Prefilter:
    """Gates `ids[i]` on `expressions[i]` (literals or Hyperscan regexes over UTF-8)."""

    def __init__(self, expressions: Sequence[str], ids: Sequence[int], *, literal: bool) -> None:
        if len(expressions) != len(ids) or not expressions:
            raise ValueError("a prefilter needs one id per expression, and at least one")
        flags = hyperscan.HS_FLAG_SINGLEMATCH
        if not literal:
            flags |= hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_DOTALL
        self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        self._db.compile(
            expressions=[e.encode("utf-8") for e in expressions],
            ids=list(ids),
            elements=len(expressions),
            flags=flags,
            literal=literal,
        )
        self._local = threading.local()  # Hyperscan scratch space is per thread

    def _scratch(self) -> hyperscan.Scratch:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        return scratch

    def hits(self, text: str) -> set[int]:
        """The ids whose expression occurs in `text`."""
        found: set[int] = set()
        if text:
            self._db.scan(
                text.encode("utf-8", "surrogatepass"),
                match_event_handler=_on_match,
                context=found,
                scratch=self._scratch(),
            )
        return found
