"""The user ladder, minors mode, identity requirement and training opt-out, through the server."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hegui.records.users import get_user, user_actions
from tests.gateway.conftest import BAD, REVIEW, Gateway, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, answer


def chat(content: str, user: str | None = None) -> dict[str, object]:
    body: dict[str, object] = {"model": "m", "messages": [{"role": "user", "content": content}]}
    if user:
        body["user"] = user
    return body


def pseudonym(gw: Gateway, user: str) -> str:
    from hegui.records.pseudonym import Pseudonymizer

    return Pseudonymizer(gw.store.pseudonym_key(gw.settings.records))(user)


def test_ladder_restricts_then_suspends(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway(ladder={"restrict_after": 2, "suspend_after": 4}, user_cache_seconds=0)
    upstream.expect(answer("好的"))
    with gw.client() as c:
        for _ in range(2):  # two refusals: restricted afterwards
            assert c.post("/v1/chat/completions", json=chat(BAD, "dave")).status_code == 200
        ok = c.post("/v1/chat/completions", json=chat("你好", "dave"))
        assert ok.status_code == 200  # restricted users are still served lawful requests
        r = c.post("/v1/chat/completions", json=chat(BAD, "dave"))
        assert r.status_code == 403
        err = r.json()["error"]
        assert err["code"] == "user_restricted" and err["reason"] and err["appeal"]
        assert c.post("/v1/chat/completions", json=chat(BAD, "dave")).json()["error"]["code"] == "user_restricted"
        r = c.post("/v1/chat/completions", json=chat("你好", "dave"))
        assert r.status_code == 403 and r.json()["error"]["code"] == "user_suspended"
        other = c.post("/v1/chat/completions", json=chat(BAD, "erin"))
        assert other.status_code == 200  # other users are untouched
    actions = user_actions(gw.store, pseudonym(gw, "dave"))
    assert [a["action"] for a in actions] == ["suspend", "restrict"]
    assert all(a["actor"] == "hegui:ladder" for a in actions)


def test_manual_actions_and_lift(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    from hegui.records.users import apply_action

    gw = gateway(user_cache_seconds=0)
    who = pseudonym(gw, "frank")
    apply_action(gw.store, who, "terminate", actor="ops", reason="illegal use")
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat("你好", "frank"))
        assert r.status_code == 403 and r.json()["error"]["code"] == "user_suspended"
        apply_action(gw.store, who, "lift", actor="ops")
        upstream.expect(answer("在"))
        assert c.post("/v1/chat/completions", json=chat("你好", "frank")).status_code == 200


def test_minors_get_stricter_policy_limits_and_quiet_hours(
    gateway: GatewayFactory, upstream: ScriptedUpstream
) -> None:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    away = ((now + timedelta(hours=3)).strftime("%H:%M"), (now + timedelta(hours=4)).strftime("%H:%M"))
    gw = gateway(minors={"daily_limit": 3, "quiet_hours": list(away)})
    upstream.expect(answer("可以"), answer("可以"), answer("可以"))
    with gw.client() as c:
        adult = c.post("/v1/chat/completions", json=chat(f"{REVIEW}有用吗", "gina"))
        assert adult.json()["hegui"]["decision"] == "review"  # adults: recorded for review
        minor = {"X-Hegui-Minor": "1"}
        r = c.post("/v1/chat/completions", json=chat(f"{REVIEW}有用吗", "kid"), headers=minor)
        assert r.json()["hegui"]["decision"] == "refuse"  # minors: refused
        assert c.post("/v1/chat/completions", json=chat("你好", "kid"), headers=minor).status_code == 200
        assert c.post("/v1/chat/completions", json=chat("你好", "kid"), headers=minor).status_code == 200
        r = c.post("/v1/chat/completions", json=chat("你好", "kid"), headers=minor)
        assert r.status_code == 429 and r.json()["error"]["code"] == "minor_daily_limit"
    quiet = (now - timedelta(minutes=30)).strftime("%H:%M"), (now + timedelta(minutes=30)).strftime("%H:%M")
    gw2 = gateway(minors={"quiet_hours": list(quiet)})
    with gw2.client() as c:
        # marked once through the API, then every request of that user is a minor's
        assert c.post("/v1/hegui/minor", json={"user": "kid2"}).json()["minor"] is True
        r = c.post("/v1/chat/completions", json=chat("你好", "kid2"))
        assert r.status_code == 403 and r.json()["error"]["code"] == "minor_quiet_hours"
        rid = r.json()["hegui"]["request_id"]
    recorded = gw2.event(rid)
    assert recorded["minor"] is True and recorded["error"] == "minor_quiet_hours"


def test_identity_requirement(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway(require_verified_identity=True)
    upstream.expect(answer("你好"))
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat("你好", "hank"))
        assert r.status_code == 403 and r.json()["error"]["code"] == "identity_required"
        ok = c.post("/v1/chat/completions", json=chat("你好", "hank"), headers={"X-Hegui-Verified": "true"})
        assert ok.status_code == 200


def test_training_opt_out_by_header_and_endpoint(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(answer("好"))
    with gw.client() as c:
        c.post("/v1/chat/completions", json=chat("你好", "ivy"), headers={"X-Hegui-Training-Opt-Out": "1"})
        assert c.post("/v1/hegui/training-opt-out", json={"user": "jack"}).json()["training_opt_out"] is True
        bad = c.post("/v1/hegui/training-opt-out", json={"nobody": 1})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_request"
    assert get_user(gw.store, pseudonym(gw, "ivy")).training_opt_out  # type: ignore[union-attr]
    assert get_user(gw.store, pseudonym(gw, "jack")).training_opt_out  # type: ignore[union-attr]
