from pathlib import Path

import pytest

from hegui.corpus.ledger import LedgerError, check_ledger, load_ledger

LEDGER = """
sources:
  - name: wiki
    kind: open-source
    licence: CC-BY-SA-4.0
    proof: {licence_file: licences/wiki.txt}
    paths: ["wiki*"]
    personal_information: false
  - name: forum
    kind: self-collected
    licence: CC-BY-NC-4.0
    paths: ["forum*"]
    robots_txt_honoured: false
    personal_information: true
  - name: vendor
    kind: commercial
    proof: {contract_number: HT-2025-001}
    personal_information: true
    legal_basis: contract
  - name: users
    kind: user-input
    proof: {authorisation_record: consent-v3}
    opt_outs_honoured: true
    personal_information: true
    legal_basis: consent
  - name: mystery
"""


def _ledger(tmp_path: Path, text: str = LEDGER) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_lists_missing_and_flags(tmp_path: Path) -> None:
    result = check_ledger(load_ledger(_ledger(tmp_path)))
    by_name = {s["name"]: s for s in result["sources"]}
    assert by_name["wiki"]["ok"] and by_name["vendor"]["ok"] and by_name["users"]["ok"]
    forum = by_name["forum"]
    assert forum["missing"] == ["legal_basis", "proof.authorisation_record", "opt_outs_honoured"]
    assert len(forum["flags"]) == 2  # NC licence, robots.txt ignored
    assert "forbids commercial use" in forum["flags"][0]
    assert forum["licence_terms"]["commercial"] == "forbidden"
    assert by_name["mystery"]["missing"] == ["kind", "personal_information"]
    assert result["ok"] is False


def test_paths_name_sources(tmp_path: Path) -> None:
    ledger = load_ledger(_ledger(tmp_path))
    assert ledger.source_for_file("wiki.parquet") == "wiki"
    assert ledger.source_for_file("news/a.jsonl") is None
    assert ledger.kind_of("vendor") == "commercial"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources:\n  - name: a\n    licence_typo: MIT\n", "licence_typo"),
        ("sources:\n  - name: a\n    kind: bought\n", "kind"),
        ("sources:\n  - name: a\n  - name: a\n", "unique"),
        ("sources: [\n", "not valid YAML"),
    ],
)
def test_bad_ledgers_are_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        load_ledger(_ledger(tmp_path, text))
