"""The lexicon detector: keyword libraries per risk, matched by Hyperscan on the normalised text.

`load_lexicon(dirs, normalizer=...)` reads the starter library shipped in the package and adds
every user folder to it (see `lexicon_files` for the file format). Each keyword is normalised
with the same `Normalizer` as the texts, so `法輪功`, `法 轮*功` and `ＦＡＬＵＮ` in a text meet
`法轮功` and `falun` in a file. `LexiconDetector` reports every match, overlaps of different
risks included, with spans in the caller's raw text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hegui.detect.lexicon_engine import Engine
from hegui.detect.lexicon_files import LexiconError, RawEntry, read_builtin, read_folder
from hegui.detect.lexicon_pinyin import pinyin_variants as variants_of
from hegui.detect.lexicon_stats import lexicon_stats
from hegui.text.normalize import Normalized, Normalizer
from hegui.types import Decision, Finding

__all__ = ["Lexicon", "LexiconDetector", "LexiconEntry", "LexiconError", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One keyword of one risk, with its own action if the file gave one."""

    keyword: str
    """As written in the file."""
    risk: str
    action: Decision | None
    source: str
    """Where it was read: `builtin/A1.4.txt:12` or `<folder>/A1.4.txt:12`."""
    normalised: str
    """The keyword after normalisation: what is matched."""

    @property
    def builtin(self) -> bool:
        return self.source.startswith("builtin/")


@dataclass(frozen=True, slots=True)
class _Target:
    entry: int
    """Index into `Lexicon.entries`."""
    variant: str
    """`keyword`, `pinyin` or `initials`."""


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Lexicon:
    """An immutable keyword library. The matching database is compiled once, on first use."""

    def __init__(self, entries: Sequence[LexiconEntry], *, sources: Sequence[str], pinyin_variants: bool) -> None:
        self.entries: tuple[LexiconEntry, ...] = tuple(entries)
        self.sources = tuple(sources)
        self.pinyin_variants = pinyin_variants
        self.version = self._hash()
        patterns: dict[str, list[_Target]] = {}
        for i, entry in enumerate(self.entries):
            patterns.setdefault(entry.normalised, []).append(_Target(i, "keyword"))
            if pinyin_variants:
                for variant, kind in variants_of(entry.normalised):
                    patterns.setdefault(variant, []).append(_Target(i, kind))
        self._targets = tuple(tuple(t) for t in patterns.values())
        self._bounded = tuple(_is_word_char(p[0]) or _is_word_char(p[-1]) for p in patterns)
        self.engine = Engine(list(patterns))

    def _hash(self) -> str:
        h = hashlib.sha256(b"pinyin=1\n" if self.pinyin_variants else b"pinyin=0\n")
        for e in sorted(self.entries, key=lambda e: (e.risk, e.normalised)):
            action = e.action.value if e.action else ""
            h.update(f"{e.risk}\t{e.normalised}\t{action}\n".encode("utf-8", "surrogatepass"))
        return h.hexdigest()[:12]

    def __len__(self) -> int:
        return len(self.entries)

    def stats(self) -> dict[str, object]:
        """Counts per risk and the TC260-003 verdict (the JSON of `hegui lexicon stats`)."""
        return lexicon_stats(self)

    def matches(self, norm: Normalized) -> list[tuple[LexiconEntry, str, int, int]]:
        """(entry, variant, start, end) for every match, spans in the normalised text."""
        text = norm.text
        out: list[tuple[LexiconEntry, str, int, int]] = []
        for pid, start, end in self.engine.scan(norm.text_utf32()):
            if self._bounded[pid] and (
                (start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]))
                or (end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]))
            ):
                continue  # a Latin keyword inside a longer word (`sex` in `sussex`)
            for target in self._targets[pid]:
                out.append((self.entries[target.entry], target.variant, start, end))
        return out


class LexiconDetector:
    """Finds the keywords of a `Lexicon` in a normalised text."""

    name = "lexicon"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        lexicon.engine.compile()  # at start-up, not on the first text

    def detect(self, norm: Normalized) -> list[Finding]:
        findings: list[Finding] = []
        version = self.lexicon.version
        for entry, variant, start, end in self.lexicon.matches(norm):
            raw_start, raw_end = norm.to_raw(start, end)
            how = "" if variant == "keyword" else ("（拼音变体）" if variant == "pinyin" else "（首字母变体）")
            how_en = "" if variant == "keyword" else f" ({variant} variant)"
            findings.append(Finding(
                detector=self.name,
                risk=entry.risk,
                start=raw_start,
                end=raw_end,
                score=1.0 if variant == "keyword" else 0.8,
                reason=(
                    f"命中{entry.risk}关键词「{entry.keyword}」{how}，词库版本 {version}; "
                    f"lexicon keyword {entry.keyword!r}{how_en}, lexicon {version}"
                ),
                text=norm.raw[raw_start:raw_end],
                action=entry.action,
            ))
        return findings


def _merge(raw: Sequence[RawEntry], normalizer: Normalizer) -> list[LexiconEntry]:
    """Normalise every keyword; a later line for the same (risk, keyword) replaces an earlier one."""
    merged: dict[tuple[str, str], LexiconEntry] = {}
    for r in raw:
        normalised = normalizer.fold(r.keyword).strip()
        if not normalised:
            raise LexiconError(f"{r.source}: keyword {r.keyword!r} is empty after normalisation (关键词规范化后为空)")
        key = (r.risk, normalised)
        merged.pop(key, None)  # keep file order for the later line
        merged[key] = LexiconEntry(r.keyword, r.risk, r.action, r.source, normalised)
    return list(merged.values())


def load_lexicon(
    dirs: Sequence[Path], *, normalizer: Normalizer, builtin: bool = True, pinyin_variants: bool = False
) -> Lexicon:
    """The built-in library (unless `builtin=False`) plus every keyword folder in `dirs`.

    Raises `LexiconError` naming the file and line of the first bad entry.
    """
    raw: list[RawEntry] = read_builtin() if builtin else []
    sources = ["builtin"] if builtin else []
    for folder in dirs:
        raw.extend(read_folder(Path(folder)))
        sources.append(str(folder))
    return Lexicon(_merge(raw, normalizer), sources=sources, pinyin_variants=pinyin_variants)
