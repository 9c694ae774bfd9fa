"""The app `hegui serve` builds: the console's feature library and report links reach the gateway."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from hegui.config import settings_from_mapping
from hegui.console import featurelib
from hegui.gateway.serve import ServeSpec
from hegui.records.store import Store

RUMOUR = "某地地震谣言"
CONFIRMED = "完全正常的一句话回答"
LATER = "后来确认的另一段回答"


def _add(store: Store, folder: Path, kind: str, value: str) -> None:
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        featurelib.add_entry(db, kind, "A1.7", value, "confirmed in an incident", "ann")
        featurelib.write_files(db, folder)


def _chat(client: TestClient, key: str, text: str) -> dict:  # type: ignore[type-arg]
    r = client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                    json={"messages": [{"role": "user", "content": text}]})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_feature_library_and_report_links(tmp_path: Path) -> None:
    settings = settings_from_mapping({})
    folder = tmp_path / settings.console.feature_library_dir
    store = Store.open(settings.records, tmp_path)
    _, key = store.create_app("served")
    _add(store, folder, "keyword", RUMOUR)
    _add(store, folder, "fingerprint", CONFIRMED)
    try:
        with TestClient(ServeSpec(data_dir=str(tmp_path)).app(), base_url="http://127.0.0.1") as client:
            # a confirmed keyword is refused (here in the input; the demo model echoes "ECHO:" text)
            keyword = _chat(client, key, f"ECHO:听说{RUMOUR}了")
            assert keyword["hegui"]["decision"] == "refuse" and keyword["hegui"]["risks"] == ["A1.7"]
            # a confirmed answer is refused by its fingerprint, whatever its spacing
            answer = _chat(client, key, "ECHO:完全 正常的一句话 回答")
            assert answer["hegui"]["decision"] == "refuse" and answer["hegui"]["stage"] == "output"
            assert answer["choices"][0]["finish_reason"] == "content_filter"
            # an answer confirmed while the gateway runs is refused without a restart
            assert _chat(client, key, f"ECHO:{LATER}")["hegui"]["decision"] == "allow"
            _add(store, folder, "fingerprint", LATER)
            assert _chat(client, key, f"ECHO:{LATER}")["hegui"]["decision"] == "refuse"
            # a refusal links to the complaint form with its reference
            link = answer["hegui"]["report"]
            assert link == f"/public/report?reference={answer['hegui']['request_id']}"
            page = client.get(link)
            assert page.status_code == 200 and answer["hegui"]["request_id"] in page.text
            assert "report" not in _chat(client, key, "ECHO:你好")["hegui"]
    finally:
        store.close()
