"""The source ledger (`ledger.yaml`): where every corpus source comes from and on what right.

Interim Measures Art. 7 and TC260-003 §5.1: lawful sources, licences and proof, robots.txt and
opt-outs, personal information only with a legal basis. Fields are optional in the file so that
`hegui corpus ledger check` can list everything missing at once; unknown keys are errors.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hegui.corpus.licences import terms_of

SourceKind = Literal["open-source", "self-collected", "commercial", "user-input"]
LegalBasis = Literal[
    "consent", "separate-consent", "contract", "legal-duty", "public-health",
    "news-reporting", "public-information", "other-law",
]
"""Legal bases of PIPL Art. 13 (consent; contract; legal duty; emergencies; news; public info …)."""


class LedgerError(ValueError):
    """The ledger file cannot be used; the message says where and why."""


class Proof(BaseModel):
    model_config = ConfigDict(extra="forbid")
    licence_file: str | None = Field(default=None, description="path or URL of the licence text")
    contract_number: str | None = Field(default=None, description="purchase or data contract")
    authorisation_record: str | None = Field(default=None, description="consent / authorisation")


class Source(BaseModel):
    """One source of training data."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    kind: SourceKind | None = None
    licence: str | None = Field(default=None, description="SPDX id, or LicenseRef-… for contracts")
    proof: Proof = Field(default_factory=Proof)
    paths: list[str] = Field(default_factory=list, description="globs of corpus files it covers")
    url: str | None = None
    organisation: str | None = None
    robots_txt_honoured: bool | None = None
    opt_outs_honoured: bool | None = None
    personal_information: bool | None = None
    legal_basis: LegalBasis | None = None
    notes: str = ""


class Ledger(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source]

    @field_validator("sources")
    @classmethod
    def _unique(cls, value: list[Source]) -> list[Source]:
        names = [s.name for s in value]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"source names must be unique: {', '.join(dupes)}")
        return value

    def source_for_file(self, rel: str) -> str | None:
        """The first source whose `paths` glob matches a corpus file's relative name."""
        for source in self.sources:
            if any(fnmatch.fnmatchcase(rel, pattern) for pattern in source.paths):
                return source.name
        return None

    def kind_of(self, name: str) -> str | None:
        for source in self.sources:
            if source.name == name:
                return source.kind
        return None


def load_ledger(path: Path) -> Ledger:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LedgerError(f"cannot read ledger {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise LedgerError(f"ledger {path} is not valid YAML: {exc}") from None
    try:
        return Ledger.model_validate(data)
    except ValidationError as exc:
        lines = [f"invalid ledger {path}:"]
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(root)"
            lines.append(f"  {where}: {err['msg']}")
        raise LedgerError("\n".join(lines)) from None


def _missing(source: Source) -> list[str]:
    """Fields this source still needs, given its kind."""
    missing: list[str] = []
    if source.kind is None:
        missing.append("kind")
    if source.personal_information is None:
        missing.append("personal_information")
    elif source.personal_information and source.legal_basis is None:
        missing.append("legal_basis")
    if source.kind in ("open-source", "self-collected") and source.licence is None:
        missing.append("licence")
    if source.kind == "open-source" and source.proof.licence_file is None:
        missing.append("proof.licence_file")
    if source.kind == "commercial" and source.proof.contract_number is None:
        missing.append("proof.contract_number")
    if source.kind in ("self-collected", "user-input") and source.proof.authorisation_record is None:
        missing.append("proof.authorisation_record")
    if source.kind == "self-collected" and source.robots_txt_honoured is None:
        missing.append("robots_txt_honoured")
    if source.kind in ("self-collected", "user-input") and source.opt_outs_honoured is None:
        missing.append("opt_outs_honoured")
    return missing


def _flags(source: Source) -> list[str]:
    flags: list[str] = []
    if source.licence is not None:
        terms = terms_of(source.licence)
        if terms.training == "forbidden":
            flags.append(f"licence {source.licence} forbids training (许可证禁止训练/演绎)")
        if terms.commercial == "forbidden":
            flags.append(f"licence {source.licence} forbids commercial use (许可证禁止商用)")
    if source.robots_txt_honoured is False:
        flags.append("robots.txt not honoured (未遵守 robots 协议)")
    if source.opt_outs_honoured is False:
        flags.append("opt-outs not honoured (未尊重退出/拒绝训练请求)")
    return flags


def check_source(source: Source) -> dict[str, Any]:
    """One source's verdict: what is missing, what is flagged, the licence's terms."""
    missing, flags = _missing(source), _flags(source)
    terms = terms_of(source.licence).to_json() if source.licence else None
    return {
        "name": source.name,
        "kind": source.kind,
        "licence": source.licence,
        "licence_terms": terms,
        "missing": missing,
        "flags": flags,
        "ok": not missing and not flags,
    }


def check_ledger(ledger: Ledger) -> dict[str, Any]:
    """The whole ledger: a verdict per source and overall."""
    sources = [check_source(s) for s in ledger.sources]
    return {"sources": sources, "ok": all(s["ok"] for s in sources)}
