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


def test_openai_sdk_generates_labelled_images(gateway: GatewayFactory) -> None:
    gw = gateway(upstream_url=None)  # the demo model draws the pictures
    client = openai.OpenAI(base_url=gw.url + "/v1", api_key=gw.key, max_retries=0)
    try:
        result = client.images.generate(prompt="竹林", n=2)
        assert len(result.data) == 2 and all(item.b64_json for item in result.data)
        labels = [item.model_extra["aigc_label"]["AIGC"] for item in result.data if item.model_extra]
        assert [label["ProduceID"] for label in labels] == result.model_extra["hegui"]["produce_ids"]
        try:
            client.images.generate(prompt=f"画{BAD}")
        except openai.BadRequestError as exc:
            assert exc.code == "content_policy_violation"
        else:
            raise AssertionError("a refused prompt produced an image")
    finally:
        client.close()
