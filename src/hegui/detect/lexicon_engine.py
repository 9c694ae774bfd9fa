"""The multi-pattern engine under the lexicon: Hyperscan in block mode over UTF-32-LE.

Patterns and text are both UTF-32-LE, so a match ending at byte `e` of pattern `p` spans the
`str` indices `[(e - len(p)) // 4, e // 4)` of the normalised text, with no offset map and no
start-of-match tracking (which Hyperscan charges for). A match whose end is not a multiple of 4
straddles code units and is dropped. Patterns are written as `\\xNN` escapes so that NUL bytes
(every CJK code unit holds two) survive the binding. The database is compiled once, on first use,
and each thread gets its own scratch space.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import hyperscan


def _escape(pattern: bytes) -> bytes:
    return "".join(f"\\x{b:02x}" for b in pattern).encode("ascii")


def _on_match(id_: int, start: int, end: int, flags: int, context: object) -> None:
    context.append((id_, end))  # type: ignore[attr-defined]  # `context` is the caller's hit list


class Engine:
    """Finds every occurrence (overlaps included) of many literal strings in one pass."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = tuple(patterns)
        self._units = tuple(len(p) for p in self._patterns)
        self._lock = threading.Lock()
        self._db: hyperscan.Database | None = None
        self._local = threading.local()

    def __len__(self) -> int:
        return len(self._patterns)

    def compile(self) -> hyperscan.Database:
        """Compile the database now (otherwise the first scan does it)."""
        with self._lock:
            if self._db is None:
                db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
                db.compile(
                    expressions=[_escape(p.encode("utf-32-le", "surrogatepass")) for p in self._patterns],
                    ids=list(range(len(self._patterns))),
                    elements=len(self._patterns),
                    flags=0,
                )
                self._db = db
            return self._db

    def _scratch(self, db: hyperscan.Database) -> hyperscan.Scratch:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(db)
        return scratch

    def scan(self, data: bytes) -> list[tuple[int, int, int]]:
        """(pattern id, start, end) in `str` indices of the text whose UTF-32-LE is `data`."""
        if not self._patterns or not data:
            return []
        db = self._db if self._db is not None else self.compile()
        hits: list[tuple[int, int]] = []
        db.scan(data, match_event_handler=_on_match, context=hits, scratch=self._scratch(db))
        units = self._units
        return [(i, e // 4 - units[i], e // 4) for i, e in hits if e % 4 == 0]
