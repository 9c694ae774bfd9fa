"""`0002_console` follows `0001_gateway`, matches the models, and goes down cleanly."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import hegui.console.models  # noqa: F401  (the console tables on Base.metadata)
from hegui.records.base import Base
from hegui.records.migrate import alembic_config
from hegui.records.store import Store


def test_schema_matches_the_models(any_store: Store) -> None:
    with any_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if "console_" in str(d)] == []


def test_downgrade_removes_only_console_tables(store: Store) -> None:
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001_gateway")
    names = set(inspect(store.engine).get_table_names())
    assert not any(n.startswith("console_") for n in names) and "events" in names
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert "console_audit" in set(inspect(store.engine).get_table_names())
