"""Labelled texts for the classifier: JSONL lines `{"text": "...", "labels": ["A2.4", ...]}`.

Labels are risk codes (`A1.1` … `A5.2`, `X1`) or `safe` (alone). A bad line is an error naming
the file and line; nothing is skipped silently.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hegui.jsonl import json_lines
from hegui.taxonomy import RISK_BY_CODE

SAFE = "safe"


class DataError(ValueError):
    """A data file that cannot be used; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: tuple[str, ...]


def read_jsonl(path: Path) -> list[Example]:
    """Every example of `path`, validated."""
    out = [_parse(obj, where) for where, obj in json_lines(path, DataError)]
    if not out:
        raise DataError(f"{path} holds no examples")
    return out


def _parse(obj: object, where: str) -> Example:
    if not isinstance(obj, dict):
        raise DataError(f"{where}: expected an object")
    text, labels = obj.get("text"), obj.get("labels")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: 'text' must be a non-empty string")
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        raise DataError(f"{where}: 'labels' must be a non-empty list of strings")
    for label in labels:
        if label != SAFE and label not in RISK_BY_CODE:
            raise DataError(f"{where}: unknown label {label!r} (a risk code such as A2.4, or safe)")
    if SAFE in labels and len(labels) > 1:
        raise DataError(f"{where}: 'safe' cannot be combined with risk codes")
    return Example(text, tuple(dict.fromkeys(labels)))


def split(examples: Sequence[Example], held_out: float, seed: int = 0) -> tuple[list[Example], list[Example]]:
    """A stratified split by first label: (train, held-out), reproducible for a seed."""
    if not 0.0 < held_out < 1.0:
        raise ValueError("held_out must be between 0 and 1")
    by_label: dict[str, list[Example]] = {}
    for ex in examples:
        by_label.setdefault(ex.labels[0], []).append(ex)
    rng = random.Random(seed)
    train: list[Example] = []
    test: list[Example] = []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        k = max(1, round(len(group) * held_out)) if len(group) > 1 else 0
        test.extend(group[:k])
        train.extend(group[k:])
    return train, test
