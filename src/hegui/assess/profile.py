"""The service profile: one validated YAML file describing the service for its report and filing.

Paths inside it are relative to the profile's own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hegui.assess.clauses import CLAUSE_BY_KEY, Status


class ProfileError(ValueError):
    """The profile cannot be used; the message names the bad key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Contact(_Strict):
    name: str
    phone: str | None = None
    email: str | None = None


class Provider(_Strict):
    name: str = Field(description="provider (company) name / 服务提供者名称")
    credit_code: str | None = Field(default=None, description="unified social credit code / 统一社会信用代码")
    address: str | None = None
    contact: Contact | None = None


class Service(_Strict):
    name: str = Field(description="service name / 服务名称")
    form: list[Literal["网站", "APP", "小程序", "API", "公众号", "其他"]] = Field(
        min_length=1, description="service form / 服务形式")
    field: str = Field(description="application field / 应用领域")
    algorithm_type: Literal["生成合成类"] = "生成合成类"
    model_name: str
    model_version: str | None = None
    foundation_model: str | None = Field(default=None, description="filed foundation model used, if any")
    foundation_filing_number: str | None = None
    intended_users: str
    uses: str
    limitations: str
    description: str = Field(description="what the algorithm does, for the public / 算法基本原理与运行机制")


class ClauseEntry(_Strict):
    status: Status
    evidence: str = ""
    measure: str | None = Field(default=None, description="alternative measure or fix plan / 替代措施或整改计划")


class ServiceProfile(_Strict):
    """Everything the report and the filing pack need that hegui cannot measure itself."""

    provider: Provider
    service: Service
    assessor: str | None = Field(default=None, description="who carried out the assessment / 评估机构或人员")
    publish_text: str = Field(description="text to publish with the filing / 公示内容")
    self_assessment: str | None = Field(default=None, description="summary of the self-assessment / 自评估结论补充")
    run: Path | None = Field(default=None, description="assessment run folder / 评估结果目录")
    bank: Path | None = None
    config: Path | None = Field(default=None, description="hegui gateway config (evidence for §7) / 网关配置")
    lexicon_dirs: list[Path] = Field(default_factory=list)
    corpus_reports: list[Path] = Field(default_factory=list, description="`hegui corpus scan` report.json files")
    clauses: dict[str, ClauseEntry] = Field(default_factory=dict)

    @field_validator("clauses")
    @classmethod
    def _known(cls, value: dict[str, ClauseEntry]) -> dict[str, ClauseEntry]:
        unknown = [k for k in value if k not in CLAUSE_BY_KEY]
        if unknown:
            raise ValueError(f"unknown clause keys {unknown}; known: {list(CLAUSE_BY_KEY)}")
        return value

    def resolve(self, base: Path) -> ServiceProfile:
        """The same profile with every relative path made relative to `base`."""
        def fix(p: Path | None) -> Path | None:
            return None if p is None else (p if p.is_absolute() else base / p)

        return self.model_copy(update={
            "run": fix(self.run), "bank": fix(self.bank), "config": fix(self.config),
            "lexicon_dirs": [fix(p) for p in self.lexicon_dirs],
            "corpus_reports": [fix(p) for p in self.corpus_reports]})


def load_profile(path: Path) -> ServiceProfile:
    """Read and validate a profile; relative paths resolve against its folder."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"profile {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path} must be a mapping")
    try:
        profile = ServiceProfile.model_validate(data)
    except ValidationError as exc:
        lines = [f"invalid profile {path}:"]
        lines += [f"  {'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in exc.errors()]
        raise ProfileError("\n".join(lines)) from None
    return profile.resolve(path.parent)
