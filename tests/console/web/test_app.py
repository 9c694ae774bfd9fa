"""Every staff route refuses anonymous and wrong-role users, and every state change needs CSRF.

The routes are enumerated from the app `hegui serve` builds, so a new route cannot escape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from hegui.config import settings_from_mapping
from hegui.console.web.deps import PERMISSIONS, Need
from hegui.gateway.serve import ServeSpec
from hegui.records.store import Store
from tests.console.conftest import add_staff, gateway_app, login

PUBLIC_STAFF_ROUTES = {("GET", "/console/login"), ("POST", "/console/login")}
ROLES = ("admin", "reviewer", "auditor")


def walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI keeps included routers lazily
            yield from walk(route.original_router.routes, prefix + route.include_context.prefix)
        else:
            yield prefix + getattr(route, "path", ""), route


def guard_of(route: APIRoute) -> str | None:
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Need):
            return dep.call.perm
        stack.extend(dep.dependencies)
    return None


def staff_routes(app: FastAPI) -> list[tuple[str, str, str]]:
    """(method, path, permission) of every route under /console."""
    out = []
    for path, route in walk(app.routes):
        if not path.startswith("/console"):
            continue
        assert isinstance(route, APIRoute), f"{path} is not a guarded API route"
        for method in sorted(route.methods - {"HEAD"}):
            if (method, path) in PUBLIC_STAFF_ROUTES:
                continue
            perm = guard_of(route)
            assert perm is not None, f"{method} {path} has no role guard"
            out.append((method, re.sub(r"\{[^}]+\}", "1", path), perm))
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, TestClient]]:
    """The app `hegui serve` builds (whose routes are enumerated) and a running twin of it."""
    data_dir = tmp_path_factory.mktemp("serve")
    settings = settings_from_mapping({})
    store = Store.open(settings.records, data_dir)
    for role in ROLES:
        add_staff(store, f"{role}1", role)
    store.close()
    served_app = ServeSpec(data_dir=str(data_dir)).app()
    with TestClient(gateway_app(settings, data_dir), base_url="http://127.0.0.1") as client:
        yield served_app, client


def test_the_console_is_served_and_enumerated(served: tuple[FastAPI, TestClient]) -> None:
    app, _ = served
    routes = staff_routes(app)
    assert len(routes) > 30
    assert ("GET", "/public/transparency") in {(m, p) for p, r in walk(app.routes)
                                               for m in getattr(r, "methods", ())}
    perms = {p for _, _, p in routes}
    assert perms == set(PERMISSIONS)


def test_anonymous_users_are_refused_everywhere(served: tuple[FastAPI, TestClient]) -> None:
    app, client = served
    client.cookies.clear()
    for method, path, _ in staff_routes(app):
        resp = client.request(method, path, follow_redirects=False)
        if method == "GET":
            assert resp.status_code == 303 and resp.headers["location"].startswith("/console/login"), path
        else:
            assert resp.status_code == 401, (method, path, resp.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_wrong_roles_are_refused_and_posts_need_csrf(served: tuple[FastAPI, TestClient], role: str) -> None:
    app, client = served
    client.cookies.clear()
    csrf = login(client, f"{role}1")
    for method, path, perm in staff_routes(app):
        if method != "GET":
            no_token = client.request(method, path, data={"x": "1"}, follow_redirects=False)
            assert no_token.status_code == 403 and "CSRF" in no_token.text, (method, path)
            bad = client.request(method, path, data={"csrf": "forged"}, follow_redirects=False)
            assert bad.status_code == 403, (method, path)
        if role in PERMISSIONS[perm]:
            continue
        resp = client.request(method, path, data={"csrf": csrf} if method != "GET" else None,
                              follow_redirects=False)
        assert resp.status_code == 403, (role, method, path, resp.status_code)
        assert "无权" in resp.text


def test_session_cookie_flags(served: tuple[FastAPI, TestClient]) -> None:
    _, client = served
    client.cookies.clear()
    page = client.get("/console/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    resp = client.post("/console/login", data={"csrf": token, "name": "admin1", "password": "correct-horse-battery"},
                       follow_redirects=False)
    cookie = next(v for k, v in resp.headers.multi_items() if k == "set-cookie" and v.startswith("hegui_console="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain http on loopback; https adds it (see test_secure_behind_https)
    assert resp.headers["location"] == "/console/"


def test_secure_cookie_behind_https(tmp_path: Path) -> None:
    from hegui.console.web.app import create_console_app
    from tests.console.conftest import make_settings

    settings = make_settings(trust_forwarded_proto=True)
    store = Store.open(settings.records, tmp_path)
    add_staff(store, "ann", "admin")
    with TestClient(create_console_app(settings, store, tmp_path), base_url="http://127.0.0.1") as client:
        page = client.get("/console/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        resp = client.post("/console/login", headers={"x-forwarded-proto": "https"}, follow_redirects=False,
                           data={"csrf": token, "name": "ann", "password": "correct-horse-battery"})
    store.close()
    assert "Secure" in resp.headers["set-cookie"]


def test_login_form_needs_its_token_and_locks_out(served: tuple[FastAPI, TestClient]) -> None:
    _, client = served
    client.cookies.clear()
    resp = client.post("/console/login", data={"name": "reviewer1", "password": "x"})
    assert resp.status_code == 403
    for _ in range(5):
        page = client.get("/console/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        resp = client.post("/console/login", data={"csrf": token, "name": "auditor1", "password": "wrong-password"})
    assert resp.status_code == 401 and "锁定" in resp.text
    page = client.get("/console/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    resp = client.post("/console/login", data={"csrf": token, "name": "auditor1", "password": "correct-horse-battery"})
    assert resp.status_code == 401 and "锁定" in resp.text
