"""Settings of audit records and retention."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

SIX_MONTHS_DAYS = 183


class RecordsConfig(BaseModel):
    """Where records live and how long they stay (logs ≥ 6 months; Art. 11 minimal retention)."""

    model_config = ConfigDict(extra="forbid")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; none means SQLite in the data dir "
        "(postgresql+psycopg://… for PostgreSQL)",
    )
    event_retention_days: int = Field(
        default=SIX_MONTHS_DAYS, ge=SIX_MONTHS_DAYS, description="audit events (at least 6 months)"
    )
    content_retention_days: int = Field(
        default=30, ge=1, description="stored content of non-allowed events"
    )
    label_opt_out_retention_days: int = Field(
        default=SIX_MONTHS_DAYS, ge=SIX_MONTHS_DAYS,
        description="who received answers without the explicit label (at least 6 months)",
    )
    purge_interval_hours: float = Field(default=24.0, gt=0, description="automatic purge period")
    pseudonym_key: SecretStr | None = Field(
        default=None, description="HMAC key for user pseudonyms; none: generated once, kept in the store"
    )
    queue_size: int = Field(default=10_000, ge=10, description="audit events waiting to be written")
    flush_seconds: float = Field(default=0.2, gt=0, description="how often queued events are written")
