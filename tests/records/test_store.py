"""The store: schema by Alembic on both backends, apps and keys, batched writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from hegui.records.config import RecordsConfig
from hegui.records.migrate import alembic_config
from hegui.records.store import Store, StoreError, hash_key


def open_store(url: str, tmp_path: Path) -> Store:
    return Store.open(RecordsConfig(database_url=url), tmp_path)


def test_migrations_create_every_table_and_are_idempotent(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url, tmp_path)
    store.close()
    store = open_store(database_url, tmp_path)  # a second start upgrades nothing and fails nothing
    tables = set(inspect(store.engine).get_table_names())
    assert {"apps", "events", "event_contents", "label_opt_outs", "end_users", "user_actions",
            "hegui_meta", "alembic_version"} <= tables
    store.close()


def test_gateway_revision_is_the_base() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_revision("0001_gateway").down_revision is None


def test_keys_are_stored_hashed_and_revocable(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url, tmp_path)
    app, key = store.create_app("shop")
    assert key.startswith("hg-") and len(key) > 30
    assert store.app_for_key(hash_key(key)) == app
    with store.engine.begin() as conn:
        stored = conn.exec_driver_sql("SELECT key_hash FROM apps").scalar_one()
    assert stored == hash_key(key) and key not in stored
    with pytest.raises(StoreError):
        store.create_app("shop")
    store.revoke_app("shop")
    assert store.app_for_key(hash_key(key)) is None
    with pytest.raises(StoreError):
        store.revoke_app("shop")
    store.close()


def test_pseudonym_key_is_created_once(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url, tmp_path)
    first = store.pseudonym_key(RecordsConfig())
    assert first == store.pseudonym_key(RecordsConfig()) and len(first) >= 32
    store.close()


def test_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql+psycopg://postgres@127.0.0.1:1/none", tmp_path)
