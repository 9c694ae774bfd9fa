"""`hegui admin create NAME --role … [--data-dir DIR]` with the password on stdin."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from hegui.cli import app
from hegui.console import accounts
from hegui.console.models import StaffAudit
from hegui.records.config import RecordsConfig
from hegui.records.store import Store


def test_admin_create_list_disable(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path)
    created = runner.invoke(app, ["admin", "create", "ann", "--role", "reviewer", "--data-dir", data],
                            input="a-long-password\n")
    assert created.exit_code == 0, created.output
    listed = runner.invoke(app, ["admin", "list", "--data-dir", data])
    assert "ann\treviewer\tactive" in listed.output
    assert runner.invoke(app, ["admin", "disable", "ann", "--data-dir", data]).exit_code == 0
    assert "ann\treviewer\tdisabled" in runner.invoke(app, ["admin", "list", "--data-dir", data]).output
    store = Store.open(RecordsConfig(), tmp_path)
    try:
        with Session(store.engine) as db:
            assert accounts.login(db, "ann", "a-long-password", max_failures=5, lock_minutes=1,
                                  session_minutes=1).reason == "disabled"
            actions = list(db.scalars(select(StaffAudit.action)))
        assert actions == ["staff_create", "staff_disable"]
    finally:
        store.close()


def test_bad_input_is_a_clear_error_and_stores_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path)
    bad_role = runner.invoke(app, ["admin", "create", "ann", "--role", "root", "--data-dir", data], input="x\n")
    assert bad_role.exit_code == 2 and "role" in bad_role.output
    short = runner.invoke(app, ["admin", "create", "ann", "--role", "admin", "--data-dir", data], input="short\n")
    assert short.exit_code == 2 and "password" in short.output
    assert runner.invoke(app, ["admin", "list", "--data-dir", data]).output.strip() == ""


def test_the_installed_command(tmp_path: Path) -> None:
    hegui = Path(sys.executable).with_name("hegui")
    done = subprocess.run([str(hegui), "admin", "create", "root", "--role", "admin", "--data-dir", str(tmp_path)],
                          input="correct-horse-battery\n", capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "created root (admin)" in done.stdout
