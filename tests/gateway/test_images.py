"""`POST /v1/images/generations` through the real gateway: prompt checks, labelled images, records."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

from PIL import Image

from hegui.label.explicit_image import find_notice
from hegui.label.metadata import AIGCLabel
from hegui.label.xmp import read_xmp_label
from hegui.records.users import get_user
from tests.gateway.conftest import BAD, PHONE, GatewayFactory, make_settings, start_gateway
from tests.gateway.scripted_upstream import Reply, ScriptedUpstream

UPSTREAM_KEY = "sk-upstream-secret"


def _png(seed: int) -> str:
    im = Image.new("RGB", (320, 240), (seed * 40 % 256, 120, 200))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return base64.b64encode(buf.getvalue()).decode()


def images_reply(*items: dict[str, object]) -> Reply:
    return Reply("status", status=200, body=json.dumps({"created": 1, "data": list(items)}).encode())


def _label_of(b64: str) -> tuple[AIGCLabel, bool]:
    with Image.open(io.BytesIO(base64.b64decode(b64))) as im:
        packet = im.info.get("XML:com.adobe.xmp") or im.info.get("xmp")
        notice = find_notice(im).found
    raw = packet.encode() if isinstance(packet, str) else packet
    text = read_xmp_label(raw)
    assert text is not None, "the image has no implicit label"
    return AIGCLabel.parse(text), notice


def test_images_are_labelled_and_recorded(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway(upstream={"url": upstream.url, "api_key": UPSTREAM_KEY})
    upstream.expect(images_reply({"b64_json": _png(1), "revised_prompt": "猫"}, {"b64_json": _png(2)}))
    with gw.client() as c:
        r = c.post("/v1/images/generations",
                   json={"model": "img", "prompt": f"一只猫，联系{PHONE}", "n": 2, "user": "carol"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert upstream.paths == ["/v1/images/generations"]
    assert upstream.headers[0]["authorization"] == f"Bearer {UPSTREAM_KEY}"  # never the app's key
    assert PHONE not in upstream.calls[0]["prompt"]  # personal information masked before forwarding
    ids = data["hegui"]["produce_ids"]
    assert len(ids) == 2 and len(set(ids)) == 2
    for item, produce_id in zip(data["data"], ids):
        label, notice = _label_of(item["b64_json"])
        assert notice and label.ProduceID == produce_id
        assert label.ContentProducer == gw.settings.gateway.labels.producer
        assert item["aigc_label"] == label.to_dict()
    assert data["data"][0]["revised_prompt"] == "猫"
    ev = gw.event(data["hegui"]["request_id"])
    assert ev["operation"] == "images.generations" and ev["decision"] == "mask"
    assert ev["produce_id"] == ids[0] and ev["risks"] == ["A4.6"]
    assert PHONE not in (ev["content"]["input"] or "")


def test_refused_prompt_never_reaches_upstream(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    with gw.client() as c:
        r = c.post("/v1/images/generations", json={"prompt": f"画一张{BAD}的示意图", "user": "dave"})
    assert r.status_code == 400
    body = r.json()
    assert body["error"]["code"] == "content_policy_violation"
    assert body["hegui"]["decision"] == "refuse" and body["hegui"]["risks"] == ["A1.4"]
    assert upstream.calls == []
    ev = gw.event(body["hegui"]["request_id"])
    assert ev["decision"] == "refuse" and ev["stage"] == "input" and BAD in ev["content"]["input"]


def test_explicit_notice_and_training_opt_outs_are_recorded(gateway: GatewayFactory,
                                                          upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(images_reply({"b64_json": _png(3)}))
    with gw.client(headers={"X-Hegui-Explicit-Label": "off", "X-Hegui-Training-Opt-Out": "1"}) as c:
        r = c.post("/v1/images/generations", json={"prompt": "日出", "user": "erin"})
    assert r.status_code == 200, r.text
    label, notice = _label_of(r.json()["data"][0]["b64_json"])
    assert not notice and label.ProduceID == r.json()["hegui"]["produce_ids"][0]
    ev = gw.event(r.json()["hegui"]["request_id"])
    assert ev["explicit_label"] is False
    assert get_user(gw.store, ev["user"]).training_opt_out  # type: ignore[union-attr]


def test_unlabellable_answer_and_bad_requests_fail_clearly(gateway: GatewayFactory,
                                                           upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(images_reply({"b64_json": base64.b64encode(b"not an image").decode()}),
                    Reply("status", status=400, body=b'{"error":{"message":"size not supported"}}'))
    with gw.client() as c:
        r = c.post("/v1/images/generations", json={"prompt": "山"})
        assert r.status_code == 502 and r.json()["error"]["code"] == "label_error"
        assert "b64_json" not in r.text
        r = c.post("/v1/images/generations", json={"prompt": "山", "size": "1x1"})
        assert r.status_code == 400 and "size not supported" in r.json()["error"]["message"]
        assert c.post("/v1/images/generations", json={"prompt": ""}).status_code == 400
        assert c.post("/v1/images/generations", content=b"{").status_code == 400
        assert c.post("/v1/images/generations", json={"prompt": "山"},
                      headers={"Authorization": "Bearer nope"}).status_code == 401
    assert len(upstream.calls) == 2


def test_demo_upstream_draws_labelled_images(gateway: GatewayFactory) -> None:
    gw = gateway(upstream_url=None)
    with gw.client() as c:
        first = c.post("/v1/images/generations", json={"prompt": "海边的灯塔"})
        again = c.post("/v1/images/generations", json={"prompt": "海边的灯塔"})
    assert first.status_code == 200, first.text
    label, notice = _label_of(first.json()["data"][0]["b64_json"])
    assert notice and label.ProduceID == first.json()["hegui"]["produce_ids"][0]
    assert again.json()["hegui"]["produce_ids"] != first.json()["hegui"]["produce_ids"]  # one label per answer


def test_images_are_signed_with_the_configured_key(database_url: str, tmp_path: Path) -> None:
    from hegui.label.security import generate_key, load_public_key
    from hegui.label.service import check

    public = load_public_key(generate_key(tmp_path / "sign.pem"))
    settings = make_settings(database_url, None)  # the demo model draws the picture
    settings = settings.model_copy(update={"labels": settings.labels.model_copy(
        update={"sign_key": tmp_path / "sign.pem"})})
    gw = start_gateway(settings, tmp_path)
    try:
        with gw.client() as c:
            r = c.post("/v1/images/generations", json={"prompt": "雪山"})
    finally:
        gw.stop()
    assert r.status_code == 200, r.text
    image = tmp_path / "out.png"
    image.write_bytes(base64.b64decode(r.json()["data"][0]["b64_json"]))
    report = check(image, trusted=public)
    assert report["signature"] == "valid" and report["valid"], report
