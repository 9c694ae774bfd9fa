import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from hegui.console import audit
from hegui.records.store import Store


def test_audit_trail_is_append_only_in_the_database(any_store: Store) -> None:
    with Session(any_store.engine, expire_on_commit=False) as db, db.begin():
        audit.record(db, "ann", "admin", "ticket_resolve", "C1", {"n": 1}, "127.0.0.1")
        audit.record(db, "bob", "reviewer", "export", "tickets")
    with Session(any_store.engine, expire_on_commit=False) as db:
        rows = audit.entries(db)
        assert [r.action for r in rows] == ["export", "ticket_resolve"]
        assert audit.entries(db, staff="ann")[0].detail == '{"n": 1}'
    for sql in ("UPDATE console_audit SET action = 'nothing'", "DELETE FROM console_audit"):
        with pytest.raises(DBAPIError, match="append-only"), any_store.engine.begin() as conn:
            conn.execute(text(sql))
    with Session(any_store.engine, expire_on_commit=False) as db:
        assert len(audit.entries(db)) == 2
