import json

import pytest
from sqlalchemy.orm import Session

from hegui.console import pages
from hegui.console.tickets import InputError
from hegui.records.store import Store


def test_shipped_templates_are_chinese_and_explain_labelling() -> None:
    for kind in pages.DOC_KINDS:
        text = pages.default_body(kind, {"provider": "示例公司", "contact": "x@example.cn", "privacy_days": "15"})
        assert "示例公司" in text and "{provider}" not in text
        assert "标识" in text and "GB 45438" in text
    assert set(json.loads(pages.default_body("transparency"))) == set(pages.TRANSPARENCY_FIELDS)


def test_versions_publication_and_acceptance(store: Store) -> None:
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        v1 = pages.save_version(db, "agreement", "第一版", "ann", publish=True)
        v2 = pages.save_version(db, "agreement", "第二版草稿", "ann", publish=False)
        assert (v1.version, v2.version) == (1, 2)
        assert pages.current(db, "agreement") is v1
        with pytest.raises(InputError, match="not published"):
            pages.accept(db, "agreement", 2, "u_1", "app")
        pages.publish(db, v2)
        assert pages.current(db, "agreement") is v2
        pages.accept(db, "agreement", 2, "u_1", "app")
        assert [(a.version, a.app) for a in pages.acceptances(db, "u_1")] == [(2, "app")]


def test_transparency_defaults_then_published(store: Store) -> None:
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        fields, version, _ = pages.transparency(db)
        assert version == 0 and fields["filing_number"]
        body = pages.transparency_from_form({"filing_number": "Beijing-XXX-202501", "intended_users": "成年人"})
        pages.save_version(db, "transparency", body, "ann", publish=True)
        fields, version, published = pages.transparency(db)
    assert version == 1 and published is not None
    assert fields["filing_number"] == "Beijing-XXX-202501" and fields["limitations"] == ""


def test_refutations_link_to_reference_ids(store: Store) -> None:
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        pages.save_refutation(db, "关于某地地震的谣言", "经核实，不实。", "req-1\nreq-2", True)
        pages.save_refutation(db, "草稿", "x", "req-1", False)
        assert [r.title for r in pages.refutations(db, reference="req-1")] == ["关于某地地震的谣言"]
        assert pages.refutations(db, reference="req-9") == []
        with pytest.raises(InputError):
            pages.save_refutation(db, "t", "b", "has space", True)
