"""`hegui admin`: staff accounts of the operations console (password read from stdin)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from hegui.records.store import Store

from hegui.cli.common import DEFAULT_DATA_DIR, ConfigOption, DataDirOption, fail, settings_or_exit

admin = typer.Typer(
    name="admin",
    help="Console staff accounts. 运营控制台工作人员账号。",
    no_args_is_help=True,
)


def _open(config: Path | None, data_dir: Path) -> Store:
    from hegui.records.store import Store, StoreError

    settings = settings_or_exit(config)
    try:
        return Store.open(settings.records, data_dir)
    except StoreError as exc:
        fail(str(exc), 1)


def _read_password() -> str:
    """One line from stdin (piped or typed without echo at a terminal)."""
    if sys.stdin.isatty():
        first = typer.prompt("密码 / password", hide_input=True)
        if typer.prompt("再次输入 / again", hide_input=True) != first:
            fail("两次输入不一致 / the passwords differ")
        return str(first)
    return sys.stdin.readline().rstrip("\r\n")


@admin.command("create")
def create(
    name: Annotated[str, typer.Argument(help="login name 用户名")],
    role: Annotated[str, typer.Option("--role", help="admin|reviewer|auditor")],
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Create a staff account; the password is read from stdin. 新建账号，密码从标准输入读取。"""
    from sqlalchemy.orm import Session

    from hegui.console import accounts, audit

    try:
        accounts.check_name(name)
        accounts.check_role(role)
    except accounts.AccountError as exc:
        fail(str(exc))
    password = _read_password()
    store = _open(config, data_dir)
    try:
        with Session(store.engine) as db, db.begin():
            accounts.create_staff(db, name, role, password)
            audit.record(db, "cli", "admin", "staff_create", name, {"role": role})
    except accounts.AccountError as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(f"created {name} ({role})")


@admin.command("list")
def list_(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """List staff accounts. 列出账号。"""
    from sqlalchemy.orm import Session

    from hegui.console import accounts

    store = _open(config, data_dir)
    try:
        with Session(store.engine) as db:
            for s in accounts.list_staff(db):
                state = "disabled" if s.disabled else "active"
                typer.echo(f"{s.name}\t{s.role}\t{state}")
    finally:
        store.close()


@admin.command("disable")
def disable(
    name: Annotated[str, typer.Argument(help="login name 用户名")],
    enable: Annotated[bool, typer.Option("--enable", help="enable again instead 重新启用")] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Disable (or with --enable re-enable) an account; its sessions end. 停用账号。"""
    from sqlalchemy.orm import Session

    from hegui.console import accounts, audit

    store = _open(config, data_dir)
    try:
        with Session(store.engine) as db, db.begin():
            accounts.set_disabled(db, name, not enable)
            audit.record(db, "cli", "admin", "staff_enable" if enable else "staff_disable", name)
    except accounts.AccountError as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(f"{'enabled' if enable else 'disabled'} {name}")


def register(app: typer.Typer) -> None:
    """Add `hegui admin` to the root app."""
    app.add_typer(admin)
