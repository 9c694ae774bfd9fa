"""Admin work in the console: accounts, public texts, refutation notices."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.console.conftest import login


def test_admin_creates_and_disables_an_account(client: TestClient) -> None:
    csrf = login(client, "root")
    bad = client.post("/console/staff", data={"csrf": csrf, "name": "neo", "role": "god", "password": "x" * 12})
    assert bad.status_code == 400 and "role" in bad.text
    ok = client.post("/console/staff", data={"csrf": csrf, "name": "neo", "role": "auditor", "password": "x" * 12},
                     follow_redirects=False)
    assert ok.status_code == 303 and "neo" in client.get("/console/staff").text
    selfie = client.post("/console/staff/root/disable", data={"csrf": csrf, "disabled": "1"})
    assert selfie.status_code == 400
    client.post("/console/staff/neo/disable", data={"csrf": csrf, "disabled": "1"})
    client.cookies.clear()
    page = client.get("/console/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    denied = client.post("/console/login", data={"csrf": token, "name": "neo", "password": "x" * 12})
    assert denied.status_code == 401 and "停用" in denied.text


def test_agreement_versions_and_republishing(client: TestClient) -> None:
    csrf = login(client, "root")
    editor = client.get("/console/pages/agreement").text
    assert "生成内容标识" in editor  # the shipped Chinese template is the starting text
    for body, publish in (("第一版 标识", "1"), ("第二版 标识", "1"), ("第三版草稿", "0")):
        client.post("/console/pages/agreement", data={"csrf": csrf, "body": body, "publish": publish})
    assert client.get("/public/agreement", params={"format": "json"}).json()["version"] == 2
    client.post("/console/pages/agreement/1/publish", data={"csrf": csrf})  # an old text again
    current = client.get("/public/agreement", params={"format": "json"}).json()
    assert current["version"] == 4 and current["body"] == "第一版 标识"
    assert client.get("/public/agreement", params={"version": "2"}).text.count("第二版") == 1
    reviewer_csrf = login(client, "rita")
    refused = client.post("/console/pages/agreement", data={"csrf": reviewer_csrf, "body": "x", "publish": "1"})
    assert refused.status_code == 403


def test_refutation_notice_is_linked_from_the_answer(client: TestClient) -> None:
    csrf = login(client, "rita")
    client.post("/console/refutations", data={"csrf": csrf, "title": "关于“某地地震”的辟谣",
                                              "body": "经核实，该信息不实。", "references": "req-9\nreq-10",
                                              "published": "1"})
    client.cookies.clear()
    linked = client.get("/public/answers/req-10", params={"format": "json"}).json()
    assert [r["title"] for r in linked["refutations"]] == ["关于“某地地震”的辟谣"]
    page = client.get(linked["refutations"][0]["url"])
    assert page.status_code == 200 and "该信息不实" in page.text
    assert client.get("/public/answers/req-11", params={"format": "json"}).json()["refutations"] == []
