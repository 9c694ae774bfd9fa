"""End to end in a real browser (Debian's Chromium through Playwright) against `hegui serve`'s app
on loopback: a complaint from the public form to resolution, a deletion request to verified
deletion in the store, and login / CSRF / role refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hegui.console.identity import sign_token
from hegui.records.config import RecordsConfig
from hegui.records.models import Event, EventContent
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store
from tests.console.conftest import (
    APP_SECRET,
    PASSWORD,
    LiveServer,
    add_event,
    add_staff,
    gateway_app,
    make_settings,
    serve,
    stop,
)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    data_dir = tmp_path_factory.mktemp("e2e")
    store = Store.open(RecordsConfig(), data_dir)
    for name, role in (("root", "admin"), ("rita", "reviewer"), ("otto", "auditor")):
        add_staff(store, name, role)
    store.close()
    live = serve(gateway_app(make_settings(), data_dir))
    try:
        yield live, data_dir
    finally:
        stop(live)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 412, "height": 900})  # a phone
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def sign_in(page: Page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/console/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_complaint_from_public_form_to_resolution(site: tuple[LiveServer, Path], page: Page) -> None:
    base = site[0].url
    page.goto(f"{base}/public/report")
    page.select_option("select[name=kind]", "answer")
    page.fill("input[name=reference]", "req-abc")
    page.fill("textarea[name=content]", "回答中含有不实的地震信息")
    page.click("button[type=submit]")
    ticket = page.text_content("#ticket")
    assert ticket and ticket.startswith("C")

    sign_in(page, base, "rita")
    page.click("a[href='/console/tickets']")
    page.click(f"text={ticket}")
    page.fill("textarea[name=body]", "经核查属实，已删除该回答并加入特征库")
    page.click("button[value=resolve]")
    assert "已处理" in page.text_content("h1")  # type: ignore[operator]

    page.context.clear_cookies()
    page.goto(f"{base}/public/status")
    page.fill("input[name=ticket]", ticket)
    page.click("button[type=submit]")
    assert "已处理" in page.text_content("#status")  # type: ignore[operator]
    assert "已删除该回答" in page.text_content(".reply")  # type: ignore[operator]


def test_deletion_request_to_verified_deletion(site: tuple[LiveServer, Path], page: Page) -> None:
    live, data_dir = site
    store = Store.open(RecordsConfig(), data_dir)
    try:
        alice = Pseudonymizer(store.pseudonym_key(RecordsConfig()))("alice@app")
        ref = add_event(store, alice, content="保存的风险内容")
        add_event(store, alice, decision="allow", content=None)

        page.goto(f"{live.url}/public/privacy-request")
        page.select_option("select[name=right]", "delete")
        page.fill("input[name=token]", sign_token(APP_SECRET, "alice@app"))
        page.click("button[type=submit]")
        ticket = page.text_content("#ticket")
        assert ticket and ticket.startswith("P")

        sign_in(page, live.url, "rita")
        page.goto(f"{live.url}/console/privacy")
        page.click(f"text={ticket}")
        assert "events: 2" in page.text_content("#held")  # type: ignore[operator]
        page.on("dialog", lambda d: d.accept())  # the "delete for good?" question
        page.click("form[action$='/complete'] button[type=submit]")
        assert "events=2" in page.text_content("#outcome")  # type: ignore[operator]

        with Session(store.engine) as db:
            assert db.scalar(select(func.count()).select_from(Event).where(Event.user == alice)) == 0
            assert db.get(EventContent, ref) is None
    finally:
        store.close()


def test_login_csrf_and_role_refusals(site: tuple[LiveServer, Path], page: Page) -> None:
    base = site[0].url
    page.goto(f"{base}/console/incidents")
    assert "/console/login" in page.url  # anonymous: sent to sign in

    sign_in(page, base, "otto", "not-the-password")
    assert "用户名或密码错误" in page.text_content(".error")  # type: ignore[operator]

    sign_in(page, base, "otto")
    assert page.url.endswith("/console/")
    page.goto(f"{base}/console/incidents")
    assert page.locator("form[action='/console/incidents']").count() == 0  # auditors get no forms

    staff = page.goto(f"{base}/console/staff")
    assert staff is not None and staff.status == 403 and "无权" in page.content()

    # the browser's own cookie but no CSRF token: refused
    forged = page.request.post(f"{base}/console/incidents", form={"title": "x"})
    assert forged.status == 403 and "CSRF" in forged.text()
    # with the token, the auditor's role is still refused
    token = page.get_attribute("header input[name=csrf]", "value")
    as_auditor = page.request.post(f"{base}/console/incidents", form={"title": "x", "csrf": token or ""})
    assert as_auditor.status == 403 and "无权" in as_auditor.text()

    page.click("header button[type=submit]")  # sign out
    page.goto(f"{base}/console/")
    assert "/console/login" in page.url
