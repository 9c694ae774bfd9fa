"""The gateway's tables (Alembic revision `0001_gateway`).

Identity and content are kept apart: `events` says who did what (a pseudonym, never the raw user
id), `event_contents` holds the text of non-allowed events with its own, shorter retention.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hegui.records.base import Base


class Meta(Base):
    """Small shared values of one installation (e.g. the generated pseudonym key)."""

    __tablename__ = "hegui_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class App(Base):
    """An application allowed to call the gateway; only a hash of its key is stored."""

    __tablename__ = "apps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Event(Base):
    """One request through the gateway: the audit log kept at least 6 months."""

    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    app_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    app_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    user: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    source_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    source_port: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(512), nullable=True)
    operation: Mapped[str] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(128), nullable=True)
    status: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16), index=True)
    stage: Mapped[str | None] = mapped_column(String(16), nullable=True)
    risks: Mapped[str] = mapped_column(String(512), default="")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    latency_ms: Mapped[float] = mapped_column(Float)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    explicit_label: Mapped[bool] = mapped_column(Boolean, default=True)
    produce_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class EventContent(Base):
    """Text of a non-allowed event (PII masked), without identity; its own retention."""

    __tablename__ = "event_contents"
    event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    input_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    output_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    findings: Mapped[str] = mapped_column(Text, default="[]")


class LabelOptOut(Base):
    """An answer handed out without the explicit label, and who received it (≥ 6 months)."""

    __tablename__ = "label_opt_outs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    app_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    app_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    user: Mapped[str | None] = mapped_column(String(64), nullable=True)
    produce_id: Mapped[str] = mapped_column(String(64))


class UserState(Base):
    """What the provider knows about one end user, keyed by pseudonym."""

    __tablename__ = "end_users"
    user: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    restricted_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    training_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserAction(Base):
    """Every action on a user (automatic or by a person), kept as a record."""

    __tablename__ = "user_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user: Mapped[str] = mapped_column(
        String(64), ForeignKey("end_users.user", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(128))
    until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
