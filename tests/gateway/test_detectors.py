"""The gateway with hegui's real detection pipeline (`--lexicon DIR`, built-in PII detector)."""

from __future__ import annotations

from pathlib import Path

from tests.gateway.conftest import GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, answer, stream

WORD = "网关测试禁词"


def lexicon(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "A1.4.txt").write_text(f"# test keywords\n{WORD}\n", encoding="utf-8")
    return folder


def test_real_pipeline_refuses_masks_and_stops(gateway: GatewayFactory, upstream: ScriptedUpstream,
                                               tmp_path: Path) -> None:
    gw = gateway(lexicon_dirs=[lexicon(tmp_path)], labels={"explicit": {"position": "none"}})
    phone = "13912345678"
    upstream.expect(answer("收到"), stream(["正常的开头内容，", "然后是网关测", "试禁词和后面", "更多"] * 3))
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": f"讲讲{WORD}"}]})
        assert r.json()["hegui"]["decision"] == "refuse" and "A1.4" in r.json()["hegui"]["risks"]
        r = c.post("/v1/chat/completions",
                   json={"messages": [{"role": "user", "content": f"我的手机号是{phone}"}]})
        assert r.status_code == 200 and r.json()["hegui"]["decision"] == "mask"
        assert phone not in upstream.calls[0]["messages"][0]["content"]
        with c.stream("POST", "/v1/chat/completions",
                      json={"stream": True, "messages": [{"role": "user", "content": "说"}]}) as s:
            body = s.read().decode()
    assert "网关测" not in body and '"finish_reason":"content_filter"' in body
