"""Versioned public texts: the transparency page, the service agreement, the privacy policy;
users' acceptances of a version; refutation notices (辟谣)."""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hegui.console.models import Acceptance, PageVersion, Refutation, utcnow
from hegui.console.tickets import InputError

DOC_KINDS = ("agreement", "privacy")
DOC_NAMES = {"agreement": "服务协议 / Service agreement", "privacy": "隐私政策 / Privacy policy",
             "transparency": "透明度信息 / Transparency"}
TRANSPARENCY_FIELDS: dict[str, str] = {
    "intended_users": "适用人群 / Intended users",
    "occasions_and_uses": "适用场合和用途 / Occasions and uses",
    "limitations": "局限性 / Limitations",
    "model": "模型及训练框架概要 / Model and training framework",
    "filing_number": "备案编号 / Filing number",
    "labelling": "生成内容标识方式 / How content is labelled",
    "training_opt_out": "如何关闭训练使用 / How to switch off training use",
    "complaints": "如何投诉举报 / How to complain",
}
_DEFAULT_TRANSPARENCY = {
    "intended_users": "年满18周岁的用户；未成年人须在监护人同意下使用，并适用未成年人模式。",
    "occasions_and_uses": "信息检索、写作辅助、学习交流等一般用途；不适用于医疗诊断、金融决策、自动控制等高风险场合。",
    "limitations": "生成内容可能不准确或不完整，不构成专业意见；请核实重要信息。",
    "model": "（请填写所用模型名称、版本及训练框架概要）",
    "filing_number": "（请填写生成式人工智能服务备案或登记编号）",
    "labelling": "文本回答在末尾显示“本内容由人工智能生成”的显式标识，并在元数据中按 GB 45438-2025 添加隐式标识。",
    "training_opt_out": "在应用“设置—隐私”中关闭“允许将我的输入用于改进模型”，关闭后您的输入不会用于训练。",
    "complaints": "通过本站“投诉举报”页面提交，我们将在公布的时限内答复。",
}


def default_body(kind: str, values: dict[str, str] | None = None) -> str:
    """The shipped starting text: JSON for transparency, a Chinese template for the documents.

    `values` fills the template's `{provider}`, `{contact}` and `{privacy_days}` places.
    """
    if kind == "transparency":
        return json.dumps(_DEFAULT_TRANSPARENCY, ensure_ascii=False, indent=1)
    if kind not in DOC_KINDS:
        raise InputError(f"未知页面 / unknown page: {kind}")
    text = resources.files("hegui.console").joinpath(f"templates/defaults/{kind}.txt").read_text("utf-8")
    for key, value in (values or {}).items():
        text = text.replace("{" + key + "}", value)
    return text


def transparency_from_form(form: dict[str, str]) -> str:
    data = {k: str(form.get(k, "")).strip()[:5000] for k in TRANSPARENCY_FIELDS}
    if not any(data.values()):
        raise InputError("透明度信息不能全部为空 / the transparency page cannot be empty")
    return json.dumps(data, ensure_ascii=False, indent=1)


def save_version(db: Session, kind: str, body: str, actor: str, publish: bool) -> PageVersion:
    """Store a new version (drafts too); publishing makes it the one the public sees."""
    if kind not in (*DOC_KINDS, "transparency"):
        raise InputError(f"未知页面 / unknown page: {kind}")
    if not body.strip() or len(body) > 200_000:
        raise InputError("正文须为 1–200000 个字符 / body must be 1 to 200000 characters")
    last = db.scalar(select(func.max(PageVersion.version)).where(PageVersion.kind == kind)) or 0
    now = utcnow()
    row = PageVersion(kind=kind, version=last + 1, body=body, created_at=now, created_by=actor,
                      published_at=now if publish else None)
    db.add(row)
    db.flush()
    return row


def publish(db: Session, row: PageVersion) -> None:
    row.published_at = row.published_at or utcnow()


def versions(db: Session, kind: str) -> list[PageVersion]:
    return list(db.scalars(select(PageVersion).where(PageVersion.kind == kind)
                           .order_by(PageVersion.version.desc())))


def current(db: Session, kind: str) -> PageVersion | None:
    """The newest published version, or None before the first publication."""
    return db.scalar(select(PageVersion).where(PageVersion.kind == kind,
                                               PageVersion.published_at.is_not(None))
                     .order_by(PageVersion.version.desc()).limit(1))


def transparency(db: Session) -> tuple[dict[str, str], int, datetime | None]:
    """The published transparency fields (defaults before the first publication), version, time."""
    row = current(db, "transparency")
    data: dict[str, Any] = json.loads(row.body if row else default_body("transparency"))
    return ({k: str(data.get(k, "")) for k in TRANSPARENCY_FIELDS},
            row.version if row else 0, row.published_at if row else None)


def accept(db: Session, kind: str, version: int, pseudonym: str, app: str) -> Acceptance:
    """Record that a user accepted a published version (called by the app through the gateway)."""
    if kind not in DOC_KINDS:
        raise InputError(f"kind: 须为 {'|'.join(DOC_KINDS)} / must be one of {', '.join(DOC_KINDS)}")
    row = db.scalar(select(PageVersion).where(PageVersion.kind == kind, PageVersion.version == version))
    if row is None or row.published_at is None:
        raise InputError(f"version: 没有已发布的第 {version} 版 / version {version} is not published")
    acc = Acceptance(kind=kind, version=version, user_pseudonym=pseudonym, app=app, accepted_at=utcnow())
    db.add(acc)
    db.flush()
    return acc


def acceptances(db: Session, pseudonym: str = "", limit: int = 1000) -> list[Acceptance]:
    q = select(Acceptance).order_by(Acceptance.id.desc()).limit(limit)
    if pseudonym:
        q = q.where(Acceptance.user_pseudonym == pseudonym)
    return list(db.scalars(q))


def _refs(text: str) -> str:
    refs = sorted({r.strip() for r in text.replace(",", "\n").splitlines() if r.strip()})
    if any(len(r) > 128 or " " in r for r in refs):
        raise InputError("references: 每行一个编号 / one reference id per line")
    return "\n".join(refs)


def save_refutation(db: Session, title: str, body: str, references: str, published: bool,
                    row: Refutation | None = None) -> Refutation:
    if not title.strip() or len(title) > 200 or not body.strip() or len(body) > 20_000:
        raise InputError("标题和正文不能为空、不能过长 / title and body are required and bounded")
    row = row or Refutation(created_at=utcnow())
    row.title, row.body, row.reference_ids = title.strip(), body.strip(), _refs(references)
    row.published, row.updated_at = published, utcnow()
    db.add(row)
    db.flush()
    return row


def refutations(db: Session, published_only: bool = True, reference: str = "") -> list[Refutation]:
    q = select(Refutation).order_by(Refutation.id.desc())
    if published_only:
        q = q.where(Refutation.published.is_(True))
    rows = list(db.scalars(q))
    if reference:
        rows = [r for r in rows if reference in r.reference_ids.split("\n")]
    return rows
