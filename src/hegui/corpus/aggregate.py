"""Aggregation: finished shards → the corpus report, flagged list and manual sample.

Shards are read in input order, one at a time, so the result is the same whatever engine and
worker count produced them.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from hegui.corpus.dedup import PART_RECORDS, count_spilled
from hegui.corpus.fingerprint import BANDS, NEAR_DUP_THRESHOLD
from hegui.corpus.ledger import Ledger, check_source
from hegui.corpus.quality import count_duplicates, language_mix, shares
from hegui.corpus.sample import Reservoir
from hegui.corpus.shard import ScanPaths, load_bands, load_exact, load_state
from hegui.corpus.tally import SourceTally, Tally

_CHUNK = 1 << 18  # fingerprint rows read at a time from a shard's memory-mapped arrays
MAX_FLAGGED_RATIO = 0.05
"""TC260-003 §5.1: a source with more than 5% illegal or harmful items is not used."""
MIN_TECHNICAL_SAMPLE = 0.10
MIN_TECHNICAL_PASS = 0.98
MIN_MANUAL_SAMPLE = 4000
MIN_MANUAL_PASS = 0.96


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def source_report(tally: SourceTally) -> dict[str, Any]:
    ratio = _ratio(tally.flagged, tally.records)
    return {
        "records": tally.records,
        "flagged": tally.flagged,
        "flagged_ratio": ratio,
        "ratio_by_risk": {risk: _ratio(n, tally.records) for risk, n in sorted(tally.risks.items())},
        "pass": tally.flagged <= MAX_FLAGGED_RATIO * tally.records,
        "masked": tally.masked,
        "review": tally.review,
        "bytes": tally.bytes,
        "pii": dict(sorted(tally.pii.items())),
    }


def merge_shards(paths: ScanPaths, count: int, sample_size: int) -> tuple[Tally, Reservoir]:
    tally, reservoir = Tally(), Reservoir(sample_size)
    for index in range(count):
        state = load_state(paths, index)
        tally.merge(Tally.from_json(state["tally"]))
        reservoir.extend((key, entry) for key, entry in state["sample"])
    return tally, reservoir


def write_flagged(paths: ScanPaths, count: int) -> None:
    """flagged.jsonl: the shards' flagged records concatenated in input order."""
    with (paths.out / "flagged.jsonl").open("wb") as out:
        for index in range(count):
            with paths.flagged(index).open("rb") as part:
                shutil.copyfileobj(part, out)


def duplicates(paths: ScanPaths, count: int, part_records: int = PART_RECORDS) -> dict[str, Any]:
    """Duplicate counts over every shard. Up to `part_records` records the columns are sorted in
    memory; past that they are spilled to the work folder (`hegui.corpus.dedup`), so memory stays
    bounded whatever the corpus size."""
    records = sum(len(load_exact(paths, i)) for i in range(count))

    def chunks(load: Callable[[int], np.ndarray]) -> Iterator[np.ndarray]:
        for i in range(count):
            array = load(i)
            for start in range(0, len(array), _CHUNK):
                yield np.asarray(array[start:start + _CHUNK])

    def exact() -> Iterator[np.ndarray]:
        return chunks(lambda i: load_exact(paths, i))

    def band(b: int) -> Callable[[], Iterator[np.ndarray]]:
        return lambda: chunks(lambda i: load_bands(paths, i)[:, b])

    if records <= part_records:
        counts = count_duplicates(np.concatenate([*exact(), np.zeros(0, dtype=np.uint64)]),
                                  (np.concatenate([*band(b)(), np.zeros(0, dtype=np.uint64)])
                                   for b in range(BANDS)))
    else:
        counts = count_spilled(exact, [band(b) for b in range(BANDS)], records, paths.work,
                               part_records)
    return {
        "exact_duplicates": counts.exact_duplicates,
        "exact_duplicate_ratio": _ratio(counts.exact_duplicates, counts.records),
        "near_duplicates": counts.near_duplicates,
        "near_duplicate_ratio": _ratio(counts.near_duplicates, counts.records),
        "near_duplicate_threshold": round(NEAR_DUP_THRESHOLD, 3),
    }


def technical_check(totals: SourceTally, invalid: int) -> dict[str, Any]:
    """TC260-003 §5: keyword/classifier check of ≥ 10% of the corpus with ≥ 98% passing.
    hegui checks every valid record; invalid ones count as unchecked."""
    passed = totals.records - totals.flagged
    corpus_items = totals.records + invalid
    return {
        "checked": totals.records,
        "corpus_items": corpus_items,
        "sampled_ratio": _ratio(totals.records, corpus_items),
        "passed": passed,
        "pass_rate": _ratio(passed, totals.records),
        "min_sampled_ratio": MIN_TECHNICAL_SAMPLE,
        "min_pass_rate": MIN_TECHNICAL_PASS,
        "pass": totals.records > 0
        and totals.records >= MIN_TECHNICAL_SAMPLE * corpus_items
        and passed >= MIN_TECHNICAL_PASS * totals.records,
    }


def build_report(
    tally: Tally,
    files: Sequence[str],
    sample: Sequence[dict[str, Any]],
    dups: dict[str, Any],
    ledger: Ledger | None,
    settings: dict[str, Any],
) -> dict[str, Any]:
    """report.json: totals, per-source verdicts, PII, the checks TC260-003 §5 asks for."""
    totals = SourceTally()
    for source in tally.sources.values():
        totals.merge(source)
    sources = {name: source_report(t) for name, t in sorted(tally.sources.items())}
    kinds: Counter[str] = Counter()
    for name, block in sources.items():
        kind = ledger.kind_of(name) if ledger else None
        block["kind"] = kind
        kinds[kind or "unknown"] += block["records"]
    technical = technical_check(totals, tally.invalid)
    report: dict[str, Any] = {
        "files": list(files),
        "totals": {
            "files": len(files),
            "records": totals.records,
            "flagged": totals.flagged,
            "flagged_ratio": _ratio(totals.flagged, totals.records),
            "masked": totals.masked,
            "review": totals.review,
            "invalid": tally.invalid,
            "bytes": totals.bytes,
            "sources": len(sources),
            "sources_failed": sum(1 for s in sources.values() if not s["pass"]),
        },
        "sources": sources,
        "pii": dict(sorted(totals.pii.items())),
        "technical_check": technical,
        "manual_sample": {
            "size": len(sample),
            "requested": settings["sample_size"],
            "seed": settings["seed"],
            "min_size": MIN_MANUAL_SAMPLE,
            "min_pass_rate": MIN_MANUAL_PASS,
        },
        "quality": {
            "language_mix": language_mix(dict(tally.languages), tally.cjk_chars, tally.latin_chars),
            **dups,
            "source_kinds": shares(dict(kinds), totals.records),
        },
        "invalid_examples": tally.invalid_examples,
        "settings": settings,
    }
    if ledger is not None:
        report["ledger"] = _ledger_block(ledger, sources)
    report["pass"] = all(s["pass"] for s in sources.values()) and bool(technical["pass"])
    return report


def _ledger_block(ledger: Ledger, sources: dict[str, Any]) -> dict[str, Any]:
    listed = {s.name for s in ledger.sources}
    checks = [check_source(s) for s in ledger.sources]
    return {
        "unlisted_sources": sorted(set(sources) - listed),
        "problems": {c["name"]: c["missing"] + c["flags"] for c in checks if not c["ok"]},
    }
