"""The labelled images route, mounted on a small app, against a scripted upstream on loopback."""

from __future__ import annotations

import base64
import io
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from PIL import Image

from hegui.label.explicit_image import find_notice
from hegui.label.images_api import ImagesLabelSettings, create_images_router
from hegui.label.metadata import AIGCLabel
from hegui.label.xmp import read_xmp_label
from tests.label.conftest import CODE


def _image(fmt: str, seed: int) -> bytes:
    arr = (np.random.default_rng(seed).random((256, 256, 3)) * 255).astype("uint8")
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, fmt)
    return buf.getvalue()


class ScriptedUpstream:
    """Answers exactly the scripted requests; any extra call is an error the test sees."""

    def __init__(self, script: list[tuple[int, Any]]) -> None:
        self.script = list(script)
        self.seen: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/v1/images/generations")(self._generations)
        self.app.get("/files/{name}")(self._file)

    async def _generations(self, request: Request) -> Response:
        self.seen.append({"body": await request.json(),
                          "authorization": request.headers.get("authorization")})
        if not self.script:
            return JSONResponse({"error": "unscripted call"}, status_code=599)
        status, body = self.script.pop(0)
        return JSONResponse(body, status_code=status)

    async def _file(self, name: str) -> Response:
        return Response(_image("JPEG", 5), media_type="image/jpeg")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def upstream() -> Iterator[tuple[ScriptedUpstream, str]]:
    scripted = ScriptedUpstream([])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(scripted.app, host="127.0.0.1", port=port,
                                           log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield scripted, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


async def _post(base: str, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base) as upstream_client:
        app = FastAPI()
        app.include_router(create_images_router(upstream_client, ImagesLabelSettings(CODE)))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://hegui.test") as client:
            return await client.post("/v1/images/generations", json=body,
                                     headers={"Authorization": "Bearer sk-test"})


async def test_b64_and_url_images_come_back_labelled(upstream) -> None:
    scripted, base = upstream
    scripted.script.append((200, {"created": 1, "data": [
        {"b64_json": base64.b64encode(_image("PNG", 1)).decode(), "revised_prompt": "p"},
        {"url": f"{base}/files/a.jpg"},
    ]}))
    response = await _post(base, {"model": "m", "prompt": "一只猫", "n": 2})
    assert response.status_code == 200, response.text
    assert scripted.seen[0]["authorization"] == "Bearer sk-test"
    assert scripted.seen[0]["body"]["prompt"] == "一只猫"
    items = response.json()["data"]
    assert [i.get("revised_prompt") for i in items] == ["p", None]
    for item, fmt in zip(items, ("PNG", "JPEG")):
        assert "url" not in item
        data = base64.b64decode(item["b64_json"])
        with Image.open(io.BytesIO(data)) as im:
            assert im.format == fmt and find_notice(im).found
            packet = im.info.get("XML:com.adobe.xmp") or im.info.get("xmp")
        label = AIGCLabel.parse(read_xmp_label(packet.encode() if isinstance(packet, str)
                                               else packet))
        assert label.ContentProducer == CODE
        assert item["aigc_label"] == label.to_dict()
    assert not scripted.script  # exactly the scripted calls


async def test_upstream_errors_pass_through(upstream) -> None:
    scripted, base = upstream
    scripted.script.append((400, {"error": {"message": "bad prompt"}}))
    response = await _post(base, {"prompt": "x"})
    assert response.status_code == 400 and response.json()["error"]["message"] == "bad prompt"


async def test_an_image_that_cannot_be_labelled_fails_closed(upstream) -> None:
    scripted, base = upstream
    scripted.script.append((200, {"data": [{"b64_json": base64.b64encode(b"not an image").decode()}]}))
    response = await _post(base, {"prompt": "x"})
    assert response.status_code == 502 and response.json()["error"]["type"] == "label_error"
    assert "b64_json" not in response.text
