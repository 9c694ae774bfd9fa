"""The feature library: confirmed bad content the gateway blocks from then on.

Written as files in the feature-library folder (``<data-dir>/feature-library`` by default), which is
the contract with the gateway:

* ``lexicon/<risk>.txt`` — keyword files in the lexicon format (one keyword per line, ``#``
  comments); the gateway passes ``lexicon/`` to ``build_checker(..., extra_lexicon_dirs=…)``;
* ``fingerprints.txt`` — one ``<sha256 hex>\\t<risk>`` per line: the :func:`answer_fingerprint`
  of an exact answer; the gateway refuses an answer whose fingerprint is listed (add
  :class:`FingerprintDetector` to the checker's detectors: it reloads the file when it changes).

The table ``console_features`` is the source of truth; the files are rewritten from it (atomically)
after every change, so deleting a file and calling :func:`write_files` restores it.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console.models import FeatureEntry, utcnow
from hegui.console.tickets import InputError
from hegui.taxonomy import is_risk_code
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Decision, Finding

KINDS = ("keyword", "fingerprint")
FINGERPRINTS = "fingerprints.txt"
LEXICON = "lexicon"


def answer_fingerprint(text: str) -> str:
    """SHA-256 (hex) of the answer normalised by hegui's normaliser with all whitespace removed."""
    return _digest_of_normalised(default_normalizer().fold(text))


def load_fingerprints(folder: Path) -> dict[str, str]:
    """Read ``fingerprints.txt`` (fingerprint → risk); a missing file is an empty library."""
    path = folder / FINGERPRINTS
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            digest, _, risk = line.partition("\t")
            out[digest] = risk
    return out


def add_entry(db: Session, kind: str, risk: str, value: str, note: str, actor: str,
              incident_id: int | None = None) -> FeatureEntry:
    """Add a keyword, or an answer (stored as its fingerprint, never as text)."""
    if kind not in KINDS:
        raise InputError(f"kind: 须为 {'|'.join(KINDS)} / must be one of {', '.join(KINDS)}")
    if not is_risk_code(risk):
        raise InputError(f"risk: 不是风险代码 / not a risk code: {risk}")
    value = value.strip()
    if not value:
        raise InputError("value: 不能为空 / is required")
    if kind == "keyword":
        if any(c in value for c in "\t\r\n#") or len(value) > 100:
            raise InputError("value: 关键词须为一行、不含 # 和制表符、最多100字 / one line, no # or tab, ≤100")
    else:
        value = answer_fingerprint(value)
    found = db.scalar(select(FeatureEntry).where(FeatureEntry.kind == kind, FeatureEntry.value == value))
    if found is not None:
        found.active = True
        return found
    entry = FeatureEntry(kind=kind, risk=risk, value=value, note=note.strip()[:2000],
                         incident_id=incident_id, active=True, created_at=utcnow(), created_by=actor)
    db.add(entry)
    db.flush()
    return entry


def entries(db: Session, active_only: bool = False) -> list[FeatureEntry]:
    q = select(FeatureEntry).order_by(FeatureEntry.id.desc())
    if active_only:
        q = q.where(FeatureEntry.active.is_(True))
    return list(db.scalars(q))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_files(db: Session, folder: Path) -> dict[str, int]:
    """Rewrite the lexicon files and the fingerprint list from the active entries."""
    keywords: dict[str, list[str]] = defaultdict(list)
    prints: list[str] = []
    for e in entries(db, active_only=True):
        if e.kind == "keyword":
            keywords[e.risk].append(e.value)
        else:
            prints.append(f"{e.value}\t{e.risk}")
    lex = folder / LEXICON
    lex.mkdir(parents=True, exist_ok=True)
    for old in lex.glob("*.txt"):
        if old.stem not in keywords:
            old.unlink()
    for risk, words in keywords.items():
        body = "# hegui console feature library: confirmed content (do not edit; see the console)\n"
        _atomic_write(lex / f"{risk}.txt", body + "\n".join(sorted(set(words))) + "\n")
    header = "# sha256 of normalised answer\trisk (hegui console feature library)\n"
    _atomic_write(folder / FINGERPRINTS, header + "".join(p + "\n" for p in sorted(prints)))
    return {"keywords": sum(len(v) for v in keywords.values()), "fingerprints": len(prints)}


def _digest_of_normalised(text: str) -> str:
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


class FingerprintDetector:
    """A `hegui.detect.base.Detector` refusing answers whose fingerprint is in the library.

    It rereads ``fingerprints.txt`` when the file changes (one `stat` per call), so entries added
    in the console take effect without a restart. Its finding asks for refusal (`action`).
    """

    name = "feature_library"

    def __init__(self, folder: Path) -> None:
        self._path = folder / FINGERPRINTS
        self._folder = folder
        self._stamp: tuple[int, int] | None = None
        self._prints: dict[str, str] = {}

    def _current(self) -> dict[str, str]:
        try:
            st = self._path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = (0, 0)
        if stamp != self._stamp:
            self._prints = load_fingerprints(self._folder)
            self._stamp = stamp
        return self._prints

    def detect(self, norm: Normalized) -> list[Finding]:
        prints = self._current()
        if not prints:
            return []
        risk = prints.get(_digest_of_normalised(norm.text))
        if risk is None:
            return []
        return [Finding(detector=self.name, risk=risk, start=0, end=len(norm.raw), score=1.0,
                        reason="feature library: confirmed content (exact answer)",
                        action=Decision.REFUSE)]


def gateway_parts(folder: Path) -> tuple[list[Path], list[FingerprintDetector]]:
    """What the gateway adds to its checker for the feature library in `folder`: the keyword
    folder (when it holds keyword files) and the fingerprint detector."""
    lexicon = folder / LEXICON
    dirs = [lexicon] if lexicon.is_dir() and any(lexicon.rglob("*.txt")) else []
    return dirs, [FingerprintDetector(folder)]
