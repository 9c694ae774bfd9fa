"""`POST /v1/images/generations` that labels every image (GB 45438).

`label_items` is what the gateway's own images route (`hegui.gateway.images`) uses, behind its
keys and prompt checks. `create_images_router` is the same route on its own, for a platform that
puts it in front of an image service without the gateway: it forwards the caller's
`Authorization` to the upstream.

Every image the upstream returns (as `b64_json`, or as a `url` that is fetched) comes back as
`b64_json` with the explicit notice drawn on it and the implicit label in its XMP, plus the
label JSON in `aigc_label`. An image that cannot be labelled fails the request (502): hegui
never hands out an unlabelled image.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from hegui.label.base import UnsupportedFormat
from hegui.label.metadata import LabelError
from hegui.label.registry import KINDS
from hegui.label.service import AddOptions, add
from hegui.label.sniff import sniff

PATH = "/v1/images/generations"
_FORWARD_HEADERS = ("authorization", "openai-organization", "openai-project", "x-request-id")


@dataclass(frozen=True)
class ImagesLabelSettings:
    """What the route stamps on images."""

    producer: str
    explicit: bool = True
    max_image_bytes: int = 32 * 1024 * 1024
    sign_key: Any = None  # an Ed25519PrivateKey, when labels are signed


class ImageLabelError(Exception):
    """An upstream image hegui could not label (the request fails closed)."""


def label_image_bytes(data: bytes, settings: ImagesLabelSettings) -> tuple[bytes, dict[str, Any]]:
    """Label one image (explicit + implicit); return its bytes and the label JSON."""
    with tempfile.TemporaryDirectory(prefix="hegui-img-") as tmp:
        src = Path(tmp) / "in.img"
        src.write_bytes(data)
        try:
            if KINDS.get(sniff(src)) != "image":
                raise ImageLabelError("upstream returned something that is not an image")
            out = Path(tmp) / "out.img"
            result = add(src, out, AddOptions(producer=settings.producer,
                                              explicit=settings.explicit,
                                              sign_key=settings.sign_key))
        except (LabelError, UnsupportedFormat) as exc:
            raise ImageLabelError(str(exc)) from None
        if result.label is None:
            raise ImageLabelError("no implicit label was written")
        return out.read_bytes(), result.label.to_dict()


async def _image_bytes(item: dict[str, Any], fetch: httpx.AsyncClient | None, limit: int) -> bytes:
    if isinstance(item.get("b64_json"), str):
        try:
            return base64.b64decode(item["b64_json"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImageLabelError(f"b64_json does not decode: {exc}") from None
    url = item.get("url")
    if fetch is None or not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ImageLabelError("image item has neither b64_json nor an http(s) url")
    try:
        response = await fetch.get(url)
    except httpx.HTTPError as exc:
        raise ImageLabelError(f"fetching the image failed: {exc}") from None
    if response.status_code != 200 or len(response.content) > limit:
        raise ImageLabelError(f"fetching the image gave HTTP {response.status_code}, "
                              f"{len(response.content)} bytes")
    return response.content


async def label_items(items: list[Any], settings: ImagesLabelSettings) -> list[dict[str, Any]]:
    """Every item of an images answer as labelled `b64_json` (with `aigc_label`).

    Image URLs are fetched with a client of their own, without the upstream's headers: the
    upstream's API key never goes to the host that serves the files. The client is made only
    when an item comes as a URL."""
    if all(isinstance(item, dict) and isinstance(item.get("b64_json"), str) for item in items):
        return [await _label_item(item, None, settings) for item in items]
    async with httpx.AsyncClient(trust_env=False, timeout=60.0, follow_redirects=True) as fetch:
        return [await _label_item(item, fetch, settings) for item in items]


async def _label_item(item: Any, fetch: httpx.AsyncClient | None,
                      settings: ImagesLabelSettings) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ImageLabelError("data items must be objects")
    raw = await _image_bytes(item, fetch, settings.max_image_bytes)
    labelled, label = await run_in_threadpool(label_image_bytes, raw, settings)
    new = {k: v for k, v in item.items() if k not in ("url", "b64_json")}
    new["b64_json"] = base64.b64encode(labelled).decode("ascii")
    new["aigc_label"] = label
    return new


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind}}, status_code=status)


def create_images_router(client: httpx.AsyncClient, settings: ImagesLabelSettings) -> APIRouter:
    """A router with the labelled images route; `client` points at the upstream (base_url)."""
    router = APIRouter()

    @router.post(PATH)
    async def generations(request: Request) -> Response:
        body = await request.body()
        headers = {k: v for k, v in request.headers.items() if k.lower() in _FORWARD_HEADERS}
        headers["content-type"] = "application/json"
        try:
            upstream = await client.post(PATH, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return _error(502, f"upstream unreachable: {exc}", "upstream_error")
        if upstream.status_code != 200:
            return Response(upstream.content, status_code=upstream.status_code,
                            media_type=upstream.headers.get("content-type"))
        try:
            payload = upstream.json()
            payload["data"] = await label_items(payload.get("data") or [], settings)
        except (ValueError, AttributeError, TypeError) as exc:
            return _error(502, f"upstream answer is not an images response: {exc}",
                          "upstream_error")
        except ImageLabelError as exc:
            return _error(502, f"image could not be labelled (GB 45438): {exc}", "label_error")
        return JSONResponse(payload)

    return router
