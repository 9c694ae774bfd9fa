from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console import accounts
from hegui.console.models import Staff, utcnow
from hegui.records.store import Store
from tests.console.conftest import PASSWORD, add_staff

KW = {"max_failures": 3, "lock_minutes": 15, "session_minutes": 60}


def test_password_is_stored_as_argon2id_hash(store: Store) -> None:
    add_staff(store, "ann", "reviewer")
    with Session(store.engine, expire_on_commit=False) as db:
        staff = db.scalar(select(Staff).where(Staff.name == "ann"))
        assert staff is not None
        assert staff.password_hash.startswith("$argon2id$")
        assert PASSWORD not in staff.password_hash


@pytest.mark.parametrize("name,role,password,fragment", [
    ("ann", "boss", PASSWORD, "role"),
    ("a n", "admin", PASSWORD, "name"),
    ("ann", "admin", "short", "password"),
])
def test_bad_accounts_are_refused(store: Store, name: str, role: str, password: str, fragment: str) -> None:
    with Session(store.engine, expire_on_commit=False) as db, pytest.raises(accounts.AccountError, match=fragment):
        accounts.create_staff(db, name, role, password)


def test_duplicate_name_is_refused(store: Store) -> None:
    add_staff(store, "ann", "admin")
    with pytest.raises(accounts.AccountError, match="exists"):
        add_staff(store, "ann", "auditor")


def test_lockout_after_repeated_failures_even_with_the_right_password(store: Store) -> None:
    add_staff(store, "ann", "admin")
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        assert [accounts.login(db, "ann", "wrong", **KW).reason for _ in range(3)] == \
            ["bad_credentials", "bad_credentials", "locked"]
        assert accounts.login(db, "ann", PASSWORD, **KW).reason == "locked"
        later = utcnow() + timedelta(minutes=16)
        result = accounts.login(db, "ann", PASSWORD, now=later, **KW)
        assert result.ok and result.token


def test_session_token_is_stored_hashed_and_expires(store: Store) -> None:
    add_staff(store, "ann", "auditor")
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        result = accounts.login(db, "ann", PASSWORD, **KW)
        db.flush()
        found = accounts.session_for(db, result.token)
        assert found is not None and found[1].role == "auditor"
        assert found[0].token_hash != result.token
        assert accounts.session_for(db, result.token, now=utcnow() + timedelta(minutes=61)) is None
        assert accounts.session_for(db, "forged") is None


def test_disabling_ends_sessions_and_refuses_login(store: Store) -> None:
    add_staff(store, "ann", "reviewer")
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        token = accounts.login(db, "ann", PASSWORD, **KW).token
        db.flush()
        accounts.set_disabled(db, "ann", True)
        assert accounts.session_for(db, token) is None
        assert accounts.login(db, "ann", PASSWORD, **KW).reason == "disabled"
