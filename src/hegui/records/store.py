"""The store: one SQLAlchemy engine (SQLite or PostgreSQL), schema under Alembic.

Synchronous on purpose: the gateway calls it from a worker thread (the audit writer, cache
misses), and the CLI calls it directly.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from hegui.records.base import Base
from hegui.records.config import RecordsConfig
from hegui.records.migrate import upgrade
from hegui.records.models import App, Meta

KEY_PREFIX = "hg-"


class StoreError(RuntimeError):
    """The store cannot do what was asked (unreachable, or a conflict); the message says which."""


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every datetime of hegui is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    found = utc(value)
    return found.isoformat() if found is not None else None


def now_utc() -> datetime:
    return datetime.now(UTC)


def hash_key(key: str) -> str:
    """API keys are random (160 bits), so one SHA-256 is enough and fast to look up."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def database_url(config: RecordsConfig, data_dir: Path) -> str:
    if config.database_url:
        return config.database_url
    return f"sqlite:///{data_dir / 'hegui.db'}"


@dataclass(frozen=True, slots=True)
class AppInfo:
    id: int
    name: str
    key_prefix: str
    created_at: datetime
    revoked_at: datetime | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "key_prefix": self.key_prefix,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


_APP_COLUMNS = (App.id, App.name, App.key_prefix, App.created_at, App.revoked_at)


def _app_info(row: Any) -> AppInfo:
    return AppInfo(row.id, row.name, row.key_prefix, utc(row.created_at) or now_utc(),
                   utc(row.revoked_at))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class Store:
    """Apps, meta values and batched writes; users and events live in their own modules."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, config: RecordsConfig, data_dir: Path, migrate: bool = True) -> Store:
        """Open (and by default create or update) the store the config names."""
        url = database_url(config, data_dir)
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(url)
        try:
            if migrate:
                upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the store: {exc.__class__.__name__}: {exc}") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---- meta -------------------------------------------------------------------------
    def meta_value(self, key: str, default_factory: Any) -> str:
        """The value under `key`, created once from `default_factory()` (race-safe)."""
        with self.engine.begin() as conn:
            found = conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
            if found is not None:
                return str(found)
        try:
            with self.engine.begin() as conn:
                value = str(default_factory())
                conn.execute(insert(Meta).values(key=key, value=value))
                return value
        except IntegrityError:  # another process created it first
            with self.engine.begin() as conn:
                return str(conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one())

    def pseudonym_key(self, config: RecordsConfig) -> bytes:
        if config.pseudonym_key is not None:
            return config.pseudonym_key.get_secret_value().encode("utf-8")
        return self.meta_value("pseudonym_key", lambda: secrets.token_hex(32)).encode("ascii")

    # ---- apps -------------------------------------------------------------------------
    def create_app(self, name: str) -> tuple[AppInfo, str]:
        """A new app and its key; the key is shown once and only its hash is kept."""
        if not name.strip():
            raise StoreError("an app needs a name")
        key = KEY_PREFIX + secrets.token_urlsafe(30)
        prefix, created = key[:10], now_utc()
        values = {"name": name, "key_hash": hash_key(key), "key_prefix": prefix,
                  "created_at": created, "revoked_at": None}
        try:
            with self.engine.begin() as conn:
                app_id = conn.execute(insert(App).values(**values).returning(App.id)).scalar_one()
        except IntegrityError:
            raise StoreError(f"an app named {name!r} exists already") from None
        return AppInfo(app_id, name, prefix, created, None), key

    def list_apps(self) -> list[AppInfo]:
        with self.engine.begin() as conn:
            rows = conn.execute(select(*_APP_COLUMNS).order_by(App.id)).all()
        return [_app_info(r) for r in rows]

    def revoke_app(self, name: str) -> AppInfo:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(App).where(App.name == name, App.revoked_at.is_(None)).values(revoked_at=now_utc())
            ).rowcount
        if not done:
            raise StoreError(f"no active app named {name!r}")
        return next(a for a in self.list_apps() if a.name == name)

    def app_for_key(self, key_hash: str) -> AppInfo | None:
        """The active app owning the key with this hash, or None."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(*_APP_COLUMNS).where(App.key_hash == key_hash, App.revoked_at.is_(None))
            ).first()
        return None if row is None else _app_info(row)

    # ---- batched writes ---------------------------------------------------------------
    def write_batch(self, batch: Mapping[type[Base], Sequence[dict[str, Any]]]) -> None:
        """Insert every row in one transaction (all or nothing)."""
        with self.engine.begin() as conn:
            for model, rows in batch.items():
                if rows:
                    conn.execute(insert(model), list(rows))
