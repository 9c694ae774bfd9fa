"""Running the gateway with uvicorn (one process, or several workers sharing the store)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import SecretStr

from hegui.config import Settings, load_settings
from hegui.gateway.app import create_app
from hegui.gateway.state import GatewayState

SPEC_ENV = "HEGUI_SERVE_SPEC"


@dataclass(frozen=True)
class ServeSpec:
    """What `hegui serve` was asked for: enough for each worker process to build the same app."""

    config: str | None = None
    data_dir: str = "hegui-data"
    lexicon: list[str] = field(default_factory=list)
    host: str | None = None
    port: int | None = None
    upstream: str | None = None
    upstream_key: str | None = None
    database_url: str | None = None

    def settings(self) -> Settings:
        settings = load_settings(Path(self.config) if self.config else None)
        gw, rec = settings.gateway, settings.records
        up = gw.upstream
        if self.upstream is not None:
            up = up.model_copy(update={"url": self.upstream.rstrip("/")})
        if self.upstream_key is not None:
            up = up.model_copy(update={"api_key": SecretStr(self.upstream_key)})
        gw_update: dict[str, object] = {"upstream": up}
        if self.host is not None:
            gw_update["host"] = self.host
        if self.port is not None:
            gw_update["port"] = self.port
        if self.database_url is not None:
            rec = rec.model_copy(update={"database_url": self.database_url})
        return settings.model_copy(update={"gateway": gw.model_copy(update=gw_update), "records": rec})

    def app(self, settings: Settings | None = None) -> FastAPI:
        settings = settings or self.settings()
        data_dir = Path(self.data_dir)
        lexicon_dirs = [Path(p) for p in self.lexicon]
        if not settings.console.enabled:
            return create_app(settings, data_dir=data_dir, lexicon_dirs=lexicon_dirs)
        from hegui.console.featurelib import gateway_parts
        from hegui.console.web.app import console_routers  # the console (/console, /public)

        # The console's feature library: confirmed keywords (read at start) and fingerprints of
        # confirmed answers (reread when they change) are refused from then on.
        feature_dirs, detectors = gateway_parts(data_dir / settings.console.feature_library_dir)
        return create_app(settings, data_dir=data_dir, routers=console_routers(settings, data_dir),
                          lexicon_dirs=lexicon_dirs + feature_dirs, detectors=detectors,
                          extensions=[_link_reports])

    def to_env(self) -> str:
        return json.dumps(asdict(self))


def _link_reports(app: FastAPI, state: GatewayState) -> None:
    """Refused and flagged answers link to the public complaint form with their reference."""
    state.report_link = "/public/report?reference={reference}"


def worker_app() -> FastAPI:
    """The factory uvicorn calls in each worker process (`--workers N`)."""
    return ServeSpec(**json.loads(os.environ[SPEC_ENV])).app()


def run(spec: ServeSpec, workers: int = 1) -> None:
    import uvicorn

    settings = spec.settings()
    gw = settings.gateway
    options: dict[str, Any] = {
        "host": gw.host, "port": gw.port, "log_level": "info", "access_log": False,
        "loop": _pick("uvloop", "asyncio"), "http": _pick("httptools", "h11"),
        "timeout_graceful_shutdown": 10, "timeout_keep_alive": gw.keep_alive_seconds,
    }
    if workers > 1:
        os.environ[SPEC_ENV] = spec.to_env()
        uvicorn.run("hegui.gateway.serve:worker_app", factory=True, workers=workers, **options)
    else:
        uvicorn.run(spec.app(settings), **options)


def _pick(preferred: str, fallback: str) -> str:
    try:
        __import__(preferred)
    except ImportError:
        return fallback
    return preferred
