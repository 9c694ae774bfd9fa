"""The OpenAI SDK, unchanged, against the real gateway."""

from __future__ import annotations

import openai

from tests.gateway.conftest import BAD, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, answer, stream


def test_openai_sdk_works_unchanged(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    client = openai.OpenAI(base_url=gw.url + "/v1", api_key=gw.key, max_retries=0)
    upstream.expect(answer("你好，我在。"), stream(["你好", "，我", "在。"]))
    try:
        done = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "在吗"}],
                                              user="sdk-user", extra_headers={"X-Hegui-Minor": "0"})
        assert done.choices[0].message.content.startswith("你好，我在。")
        assert done.model_extra and done.model_extra["hegui"]["decision"] == "allow"
        chunks = list(client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "在吗"}], stream=True))
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text.startswith("你好，我在。")
        assert chunks[-1].choices[0].finish_reason == "stop"
        refused = client.chat.completions.create(model="m", messages=[{"role": "user", "content": BAD}])
        assert refused.choices[0].finish_reason == "content_filter"
        try:
            openai.OpenAI(base_url=gw.url + "/v1", api_key="hg-bad", max_retries=0).models.list()
        except openai.AuthenticationError as exc:
            assert exc.status_code == 401
        else:
            raise AssertionError("a bad key was accepted")
        assert [m.id for m in client.models.list()] == ["scripted"]
    finally:
        client.close()
