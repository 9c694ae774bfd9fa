"""`hegui serve`, `hegui keys`, `hegui users`, `hegui records`: the gateway and its records."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from hegui.cli.common import (
    DEFAULT_DATA_DIR,
    ConfigOption,
    DataDirOption,
    LexiconOption,
    fail,
    settings_or_exit,
)

DatabaseOption = Annotated[
    str | None, typer.Option("--database-url", help="SQLAlchemy URL of the store (默认: SQLite in the data dir)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON output / 输出 JSON")]
ReasonOption = Annotated[str, typer.Option("--reason", help="why (recorded) / 原因")]
ActorOption = Annotated[str, typer.Option("--by", help="who acts (recorded) / 操作人")]


def _store(config: Path | None, data_dir: Path, database_url: str | None):  # type: ignore[no-untyped-def]
    from hegui.records.store import Store, StoreError

    settings = settings_or_exit(config)
    records = settings.records
    if database_url is not None:
        records = records.model_copy(update={"database_url": database_url})
    try:
        return Store.open(records, data_dir), settings
    except StoreError as exc:
        fail(str(exc), code=1)


def serve(
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option("--host", help="address to listen on (默认 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option("--port", help="port (默认 8000)")] = None,
    upstream: Annotated[str | None, typer.Option("--upstream", help="OpenAI-compatible base URL of the model "
                                                 "service; none: the demo model hegui-demo")] = None,
    upstream_key: Annotated[str | None, typer.Option("--upstream-key", help="Bearer key for the upstream")] = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    database_url: DatabaseOption = None,
    lexicon: LexiconOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="worker processes / 进程数")] = 1,
) -> None:
    """运行合规网关 (run the OpenAI-compatible compliance gateway)."""
    from hegui.config import ConfigError
    from hegui.gateway.serve import ServeSpec, run

    spec = ServeSpec(config=str(config) if config else None, data_dir=str(data_dir),
                     lexicon=[str(p) for p in lexicon or []], host=host, port=port, upstream=upstream,
                     upstream_key=upstream_key, database_url=database_url)
    try:
        spec.settings()
    except (ConfigError, ValueError) as exc:
        fail(str(exc))
    run(spec, workers)


keys_app = typer.Typer(help="应用的 API 密钥 (API keys of apps)", no_args_is_help=True)


@keys_app.command("create")
def keys_create(name: str, config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                database_url: DatabaseOption = None) -> None:
    """新建密钥，输出一行 (create a key; prints it once, as one line)."""
    from hegui.records.store import StoreError

    store, _ = _store(config, data_dir, database_url)
    try:
        _app, key = store.create_app(name)
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(key)


@keys_app.command("list")
def keys_list(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
              database_url: DatabaseOption = None, as_json: JsonOption = False) -> None:
    """列出应用 (list apps; keys are never shown again)."""
    store, _ = _store(config, data_dir, database_url)
    apps = store.list_apps()
    store.close()
    if as_json:
        typer.echo(json.dumps([a.to_json() for a in apps], ensure_ascii=False))
        return
    for a in apps:
        state = f"revoked {a.revoked_at:%Y-%m-%d}" if a.revoked_at else "active"
        typer.echo(f"{a.id}\t{a.name}\t{a.key_prefix}…\t{a.created_at:%Y-%m-%d %H:%M}\t{state}")


@keys_app.command("revoke")
def keys_revoke(name: str, config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                database_url: DatabaseOption = None) -> None:
    """吊销应用的密钥 (revoke an app's key)."""
    from hegui.records.store import StoreError

    store, _ = _store(config, data_dir, database_url)
    try:
        store.revoke_app(name)
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()
    typer.echo(f"revoked {name}")


users_app = typer.Typer(help="终端用户的处置 (actions on end users, Art. 14)", no_args_is_help=True)


def _user_action(action: str, user: str, config: Path | None, data_dir: Path, database_url: str | None,
                 reason: str, actor: str, minutes: float | None = None) -> None:
    from hegui.records.pseudonym import Pseudonymizer
    from hegui.records.store import now_utc
    from hegui.records.users import apply_action, get_user, user_actions

    store, settings = _store(config, data_dir, database_url)
    try:
        pseudo = Pseudonymizer(store.pseudonym_key(settings.records))(user)
        if action == "show":
            found = get_user(store, pseudo)
            data = found.to_json() if found else {"user": pseudo, "status": "active", "minor": False,
                                                  "training_opt_out": False, "warnings": 0}
            data["actions"] = user_actions(store, pseudo)
        else:
            until = None
            if action == "restrict":
                until = now_utc() + timedelta(minutes=minutes or settings.gateway.ladder.restrict_minutes)
            data = apply_action(store, pseudo, action, actor=actor, reason=reason, until=until).to_json()
    finally:
        store.close()
    typer.echo(json.dumps(data, ensure_ascii=False))


def _make_user_command(action: str, doc: str) -> None:
    def command(user: str, config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                database_url: DatabaseOption = None, reason: ReasonOption = "",
                actor: ActorOption = "cli") -> None:
        _user_action(action, user, config, data_dir, database_url, reason, actor)

    command.__doc__ = doc
    users_app.command(action)(command)


@users_app.command("restrict")
def users_restrict(user: str, config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                   database_url: DatabaseOption = None, reason: ReasonOption = "", actor: ActorOption = "cli",
                   minutes: Annotated[float | None, typer.Option("--minutes", help="how long (默认: config)")] = None,
                   ) -> None:
    """限制功能 (restrict a user for a while)."""
    _user_action("restrict", user, config, data_dir, database_url, reason, actor, minutes)


for _action, _doc in (
    ("show", "查看用户状态与处置记录 (show a user's state and actions)"),
    ("warn", "警示 (warn a user; recorded)"),
    ("suspend", "暂停服务，需人工解除 (suspend until lifted)"),
    ("terminate", "终止服务 (end the service for a user)"),
    ("lift", "解除限制或暂停 (lift a restriction or suspension)"),
):
    _make_user_command(_action, _doc)


records_app = typer.Typer(help="审计记录 (audit records)", no_args_is_help=True)


@records_app.command("list")
def records_list(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                 database_url: DatabaseOption = None, as_json: JsonOption = False,
                 limit: Annotated[int, typer.Option("--limit", min=1, help="how many, newest first")] = 50,
                 content: Annotated[bool, typer.Option("--content", help="with stored content")] = False,
                 ) -> None:
    """列出最近的记录，最新在前 (list recent events, newest first)."""
    from hegui.records.events import list_events

    store, _ = _store(config, data_dir, database_url)
    events = list_events(store, limit, with_content=content)
    store.close()
    if as_json:
        typer.echo(json.dumps(events, ensure_ascii=False, default=str))
        return
    for e in events:
        typer.echo(f"{e['at']}\t{e['id']}\t{e['app_name'] or '-'}\t{e['operation']}\t{e['status']}\t"
                   f"{e['decision']}\t{','.join(e['risks']) or '-'}\t{e['latency_ms']:.1f}ms")


@records_app.command("purge")
def records_purge(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR,
                  database_url: DatabaseOption = None) -> None:
    """按保存期限删除过期记录 (delete what is past its retention now)."""
    from hegui.records.events import purge

    store, settings = _store(config, data_dir, database_url)
    done = purge(store, settings.records)
    store.close()
    typer.echo(json.dumps(done))


@records_app.command("export")
def records_export(
    config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR, database_url: DatabaseOption = None,
    for_training: Annotated[bool, typer.Option("--for-training", help="leave out users who opted out")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="JSONL file (默认 stdout)")] = None,
) -> None:
    """导出记录内容为 JSONL (export stored content as JSON lines)."""
    from hegui.records.events import export_for_training

    if not for_training:
        fail("only --for-training exports are available (仅支持 --for-training)")
    store, _ = _store(config, data_dir, database_url)
    rows = list(export_for_training(store))
    store.close()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out is None:
        sys.stdout.write(lines)
    else:
        out.write_text(lines, encoding="utf-8")
        typer.echo(f"{len(rows)} records → {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
    app.add_typer(users_app, name="users")
    app.add_typer(records_app, name="records")
