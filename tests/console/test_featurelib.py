from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from hegui.console import featurelib
from hegui.console.tickets import InputError
from hegui.records.store import Store


def test_entries_become_files_the_gateway_loads(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "feature-library"
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        featurelib.add_entry(db, "keyword", "A1.7", "某地地震谣言", "", "ann")
        entry = featurelib.add_entry(db, "fingerprint", "A1.7", "这是 一个 完整 的 回答", "", "ann")
        counts = featurelib.write_files(db, folder)
        value, eid, model = entry.value, entry.id, type(entry)
    assert counts == {"keywords": 1, "fingerprints": 1}
    lines = (folder / "lexicon" / "A1.7.txt").read_text(encoding="utf-8").splitlines()
    assert "某地地震谣言" in lines and all(l.startswith("#") for l in lines if l != "某地地震谣言")
    prints = featurelib.load_fingerprints(folder)
    assert prints == {value: "A1.7"}
    # the same answer with other spacing and full-width forms has the same fingerprint
    assert featurelib.answer_fingerprint("这是一个完整的回答") in prints
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        db.get(model, eid).active = False
        featurelib.write_files(db, folder)
    assert featurelib.load_fingerprints(folder) == {}


@pytest.mark.parametrize("kind,risk,value,fragment", [
    ("keyword", "Z9", "x", "risk"),
    ("keyword", "A1.7", "a\tb", "one line"),
    ("keyword", "A1.7", "  ", "required"),
    ("regex", "A1.7", "x", "kind"),
])
def test_bad_entries_are_refused(store: Store, kind: str, risk: str, value: str, fragment: str) -> None:
    with Session(store.engine, expire_on_commit=False) as db, pytest.raises(InputError, match=fragment):
        featurelib.add_entry(db, kind, risk, value, "", "ann")


def test_fingerprint_detector_refuses_listed_answers_and_reloads(store: Store, tmp_path: Path) -> None:
    from hegui.detect.base import Detector
    from hegui.policy.checker import Checker
    from hegui.policy.config import PolicyConfig
    from hegui.policy.decide import Policy
    from hegui.text.normalize import default_normalizer
    from hegui.types import Decision

    folder = tmp_path / "fl"
    detector = featurelib.FingerprintDetector(folder)
    assert isinstance(detector, Detector)
    checker = Checker([detector], Policy(PolicyConfig()), default_normalizer())
    answer = "某地明天将发生九级地震，请立即撤离。"
    assert checker.check(answer).decision == Decision.ALLOW
    with Session(store.engine) as db, db.begin():
        featurelib.add_entry(db, "fingerprint", "A1.7", answer, "", "ann")
        featurelib.write_files(db, folder)
    verdict = checker.check("某地明天将发生九级地震， 请立即撤离。")  # other spacing: same answer
    assert verdict.decision == Decision.REFUSE
    assert [f.risk for f in verdict.findings] == ["A1.7"]
    assert checker.check("某地明天天气晴。").decision == Decision.ALLOW
