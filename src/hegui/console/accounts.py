"""Staff accounts, passwords (argon2id), sessions and lock-out."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hegui.console.models import Staff, StaffSession, utcnow

ROLES = ("admin", "reviewer", "auditor")
MIN_PASSWORD = 10
_NAME_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")


class AccountError(ValueError):
    """An account operation cannot be done; the message says why (Chinese, then English)."""


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a sign-in: a session token on success, else a reason code."""

    ok: bool
    reason: str = ""
    token: str = ""
    staff: Staff | None = None


def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    if not (1 <= len(name) <= 64) or not set(name) <= _NAME_OK:
        raise AccountError("用户名只能包含字母、数字和 ._-@，长度 1–64 / name: letters, digits, ._-@ (1-64)")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"角色须为 {'|'.join(ROLES)} / role must be one of {', '.join(ROLES)}")
    return role


def create_staff(db: Session, name: str, role: str, password: str) -> Staff:
    """Add an account; the password is stored only as an argon2id hash."""
    check_name(name)
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符 / password needs at least {MIN_PASSWORD} characters")
    if db.scalar(select(Staff).where(Staff.name == name)) is not None:
        raise AccountError(f"账号已存在 / account exists: {name}")
    staff = Staff(name=name, role=role, password_hash=_hasher().hash(password), disabled=False,
                  failed_logins=0, created_at=utcnow())
    db.add(staff)
    db.flush()
    return staff


def set_disabled(db: Session, name: str, disabled: bool) -> Staff:
    staff = db.scalar(select(Staff).where(Staff.name == name))
    if staff is None:
        raise AccountError(f"没有此账号 / no such account: {name}")
    staff.disabled = disabled
    if disabled:
        db.execute(delete(StaffSession).where(StaffSession.staff_id == staff.id))
    return staff


def list_staff(db: Session) -> list[Staff]:
    return list(db.scalars(select(Staff).order_by(Staff.name)))


def login(db: Session, name: str, password: str, *, max_failures: int, lock_minutes: int,
          session_minutes: int, now: datetime | None = None) -> LoginResult:
    """Check a password, counting failures; lock the account after `max_failures` in a row."""
    now = now or utcnow()
    staff = db.scalar(select(Staff).where(Staff.name == name))
    if staff is None:
        _hasher().hash(password)  # spend the same time as a real check: names do not leak
        return LoginResult(False, "bad_credentials")
    if staff.locked_until is not None and staff.locked_until > now:
        return LoginResult(False, "locked", staff=staff)
    try:
        _hasher().verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        staff.failed_logins += 1
        if staff.failed_logins >= max_failures:
            staff.locked_until = now + timedelta(minutes=lock_minutes)
            staff.failed_logins = 0
            return LoginResult(False, "locked", staff=staff)
        return LoginResult(False, "bad_credentials", staff=staff)
    if staff.disabled:
        return LoginResult(False, "disabled", staff=staff)
    staff.failed_logins = 0
    staff.locked_until = None
    staff.last_login_at = now
    token = secrets.token_urlsafe(32)
    db.add(StaffSession(token_hash=hash_token(token), staff_id=staff.id, csrf=secrets.token_urlsafe(32),
                        created_at=now, expires_at=now + timedelta(minutes=session_minutes)))
    return LoginResult(True, token=token, staff=staff)


def session_for(db: Session, token: str, now: datetime | None = None) -> tuple[StaffSession, Staff] | None:
    """The live session and account behind a cookie token, or None."""
    if not token:
        return None
    now = now or utcnow()
    row = db.scalar(select(StaffSession).where(StaffSession.token_hash == hash_token(token)))
    if row is None or row.expires_at <= now:
        return None
    staff = db.get(Staff, row.staff_id)
    if staff is None or staff.disabled:
        return None
    return row, staff


def logout(db: Session, token: str) -> None:
    db.execute(delete(StaffSession).where(StaffSession.token_hash == hash_token(token)))
