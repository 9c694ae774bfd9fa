"""Alembic environment of hegui: one history for every table on `hegui.records.base.Base`.

Run programmatically by `hegui.records.migrate.upgrade` (a connection is handed in through
`config.attributes["connection"]`), or by the `alembic` command with `sqlalchemy.url` set.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

import hegui.records.models  # noqa: F401  (registers the gateway tables on Base.metadata)
from hegui.records.base import Base

TARGET = Base.metadata
# Several gateway processes may start at once against one PostgreSQL: serialise migrations.
PG_LOCK_ID = 4_805_121


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": PG_LOCK_ID})
    context.configure(connection=connection, target_metadata=TARGET, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or hand in a connection")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("hegui migrations run online only")
run_migrations()
