"""`hegui serve|keys|users|records` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from hegui.cli import app
from hegui.records.config import RecordsConfig
from hegui.records.models import Event, EventContent
from hegui.records.store import Store
from tests.gateway.conftest import database_url, free_port  # noqa: F401
from tests.records.test_events import content, event

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_keys_users_records(database_url: str, tmp_path: Path) -> None:  # noqa: F811
    common = ["--data-dir", str(tmp_path), "--database-url", database_url]
    key = run("keys", "create", "shop", *common)
    assert key.count("\n") == 1 and key.startswith("hg-")
    listed = json.loads(run("keys", "list", "--json", *common))
    assert [a["name"] for a in listed] == ["shop"] and key.strip() not in json.dumps(listed)
    bad = runner.invoke(app, ["keys", "create", "shop", *common])
    assert bad.exit_code == 2 and "exists" in bad.output
    run("keys", "revoke", "shop", *common)
    assert json.loads(run("keys", "list", "--json", *common))[0]["revoked_at"]

    assert json.loads(run("users", "warn", "alice", "--reason", "spam", *common))["warnings"] == 1
    assert json.loads(run("users", "restrict", "alice", "--minutes", "30", *common))["status"] == "restricted"
    assert json.loads(run("users", "suspend", "alice", *common))["status"] == "suspended"
    assert json.loads(run("users", "lift", "alice", "--by", "ops-1", *common))["status"] == "active"
    assert json.loads(run("users", "terminate", "alice", *common))["status"] == "terminated"
    shown = json.loads(run("users", "show", "alice", *common))
    assert shown["user"] != "alice" and shown["user"].startswith("u_")
    assert [a["action"] for a in shown["actions"]] == ["terminate", "lift", "suspend", "restrict", "warn"]
    assert shown["actions"][1]["actor"] == "ops-1"

    store = Store.open(RecordsConfig(database_url=database_url), tmp_path)
    store.write_batch({Event: [event("e1", 300), event("e2", 2, "u_x"), event("e3", 1, shown["user"])],
                       EventContent: [content("e2", 2), content("e3", 1)]})
    store.close()
    listed = json.loads(run("records", "list", "--limit", "2", "--json", *common))
    assert [e["id"] for e in listed] == ["e3", "e2"]
    assert json.loads(run("records", "purge", *common))["events"] == 1
    run("users", "lift", "alice", *common)
    out = tmp_path / "train.jsonl"
    store = Store.open(RecordsConfig(database_url=database_url), tmp_path)
    from hegui.records.users import apply_action

    apply_action(store, shown["user"], "training_opt_out", actor="t")
    store.close()
    run("records", "export", "--for-training", "--out", str(out), *common)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["event_id"] for r in rows] == ["e2"]


def test_serve_runs_the_demo_model_with_no_options(tmp_path: Path) -> None:
    hegui = Path(sys.executable).parent / "hegui"
    key = subprocess.run([hegui, "keys", "create", "demo"], cwd=tmp_path, capture_output=True, text=True,
                         check=True).stdout.strip()
    port = free_port()
    proc = subprocess.Popen([hegui, "serve", "--port", str(port)], cwd=tmp_path, env={**os.environ},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
            try:
                if httpx.get(url + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        r = httpx.post(url + "/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                       json={"messages": [{"role": "user", "content": "你好"}]}, timeout=10)
        assert r.status_code == 200 and r.json()["model"] == "hegui-demo"
        assert "hegui-demo" in r.json()["choices"][0]["message"]["content"]
    finally:
        proc.terminate()
        proc.wait(15)
        proc.stderr.close()  # type: ignore[union-attr]
    assert (tmp_path / "hegui-data" / "hegui.db").exists()
