import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import zstandard

from hegui.corpus.scan import ScanError, ScanOptions, run_scan
from tests.corpus.corpusgen import KEYWORD, standard_corpus
from tests.corpus.fakes import FakeFactory


def _scan(inputs: Path, out: Path, **kw: object) -> dict:
    options = ScanOptions(inputs=[inputs], out=out, progress=False, sample_size=50, **kw)  # type: ignore[arg-type]
    return run_scan(options, FakeFactory())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("corpus")
    return root, standard_corpus(root)


@pytest.fixture(scope="module")
def scanned(corpus: tuple[Path, object], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("out")
    return out, _scan(corpus[0], out, workers=1)


def test_report_per_source_exactly(corpus, scanned) -> None:
    _, planted = corpus
    _, report = scanned
    assert report["files"] == ["forum.csv.zst", "news/part-0.jsonl", "news/part-1.jsonl.gz", "wiki.parquet"]
    expected = {
        "forum": (100, 6, 0.06, False),
        "news": (400, 8, 0.02, True),
        "wiki": (100, 5, 0.05, True),
    }
    assert set(report["sources"]) == set(expected)
    for name, (records, flagged, ratio, passed) in expected.items():
        src = report["sources"][name]
        assert (src["records"], src["flagged"], src["flagged_ratio"], src["pass"]) == (
            records, flagged, ratio, passed)
        assert src["records"] == planted.records[name] and src["flagged"] == planted.flagged[name]
        assert src["ratio_by_risk"] == {"A1.1": ratio}
    assert report["sources"]["news"]["masked"] == planted.mobiles == 9
    assert report["pii"] == {"CN_MOBILE": planted.mobiles}
    totals = report["totals"]
    assert (totals["records"], totals["flagged"], totals["invalid"], totals["sources_failed"]) == (600, 19, 0, 1)
    assert report["pass"] is False  # forum fails the 5% rule


def test_technical_check_and_quality(scanned) -> None:
    _, report = scanned
    assert report["technical_check"] == {
        "checked": 600, "corpus_items": 600, "sampled_ratio": 1.0, "passed": 581,
        "pass_rate": round(581 / 600, 6), "min_sampled_ratio": 0.1, "min_pass_rate": 0.98,
        "pass": False,  # 96.8% < 98%
    }
    quality = report["quality"]
    assert quality["exact_duplicates"] == 20
    assert quality["language_mix"]["records"] == {"zh": 600, "latin": 0, "other": 0}
    assert quality["language_mix"]["foreign_share"] == 0.0
    assert quality["source_kinds"] == {"unknown": 1.0}


def test_flagged_file_lists_every_refused_record_with_location(corpus, scanned) -> None:
    out, _ = scanned
    rows = [json.loads(line) for line in (out / "flagged.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 19
    first = rows[0]
    assert first["file"] == "forum.csv.zst" and first["row"] == 1 and first["source"] == "forum"
    assert first["risks"] == ["A1.1"] and first["findings"][0]["risk"] == "A1.1"
    jsonl = [r for r in rows if r["file"] == "news/part-0.jsonl"]
    assert [r["line"] for r in jsonl] == list(range(1, 9))
    # the evasions were caught: 违 禁 词, 違禁詞, zero-width …
    assert {r["findings"][0]["text"] for r in jsonl} >= {"违 禁 词", "違禁詞", "违\u200b禁\u200b词"}


def test_clean_copy_keeps_format_and_compression(corpus, scanned) -> None:
    out, _ = scanned
    clean = out / "clean"
    lines = (clean / "news/part-0.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200 - 8
    assert all(KEYWORD not in line for line in lines)
    masked = [json.loads(x) for x in lines if "*" in x]
    assert masked and all("13912345678" not in m["text"] for m in masked)
    assert masked[0]["source"] == "news" and "id" in masked[0]
    with gzip.open(clean / "news/part-1.jsonl.gz", "rt", encoding="utf-8") as handle:
        assert len(handle.read().splitlines()) == 200
    raw = zstandard.ZstdDecompressor().stream_reader((clean / "forum.csv.zst").open("rb")).read()
    csv_lines = raw.decode().splitlines()
    assert csv_lines[0] == "source,text" and len(csv_lines) == 1 + 94
    table = pq.read_table(clean / "wiki.parquet")
    assert table.num_rows == 95 and table.column_names == ["text", "source", "n"]
    assert table.column("n").to_pylist()[0] == 5  # records 0-4 were refused


def test_manual_sample_is_exact_seeded_and_all_when_fewer(corpus, scanned, tmp_path) -> None:
    out, report = scanned
    sample = [json.loads(x) for x in (out / "manual_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(sample) == 50 == report["manual_sample"]["size"]
    assert len({(s["file"], s.get("line", s.get("row"))) for s in sample}) == 50
    again = _scan(corpus[0], tmp_path / "again", workers=1)
    assert again["manual_sample"] == report["manual_sample"]
    assert (tmp_path / "again/manual_sample.jsonl").read_bytes() == (out / "manual_sample.jsonl").read_bytes()
    other = _scan(corpus[0], tmp_path / "seed", workers=1, seed=7)
    assert (tmp_path / "seed/manual_sample.jsonl").read_bytes() != (out / "manual_sample.jsonl").read_bytes()
    assert other["manual_sample"]["size"] == 50
    everything = run_scan(ScanOptions(inputs=[corpus[0]], out=tmp_path / "all", progress=False,
                                      sample_size=4000, workers=1), FakeFactory())
    assert everything["manual_sample"]["size"] == 600


def test_two_workers_give_identical_outputs(corpus, scanned, tmp_path) -> None:
    out, report = scanned
    two = _scan(corpus[0], tmp_path / "two", workers=2)
    assert two == report
    for name in ("report.json", "flagged.jsonl", "manual_sample.jsonl"):
        assert (tmp_path / "two" / name).read_bytes() == (out / name).read_bytes()
    for rel in report["files"]:
        assert (tmp_path / "two/clean" / rel).read_bytes() == (out / "clean" / rel).read_bytes()


def test_other_options_in_same_out_need_restart(corpus, scanned, tmp_path) -> None:
    _scan(corpus[0], tmp_path / "o", workers=1)
    with pytest.raises(ScanError, match="--restart"):
        _scan(corpus[0], tmp_path / "o", workers=1, seed=3)
    assert _scan(corpus[0], tmp_path / "o", workers=1, seed=3, restart=True)["settings"]["seed"] == 3


def test_invalid_lines_are_counted_not_fatal(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"text": "好的"}\nnot json\n{"other": 1}\n\n{"text": "再见"}\n', encoding="utf-8")
    report = _scan(src, tmp_path / "out", workers=1)
    assert report["totals"]["records"] == 2 and report["totals"]["invalid"] == 2
    assert [e["line"] for e in report["invalid_examples"]] == [2, 3]
    assert report["sources"] == {"a.jsonl": report["sources"]["a.jsonl"]}


def test_ledger_names_sources_and_kinds(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "wiki-1.jsonl").write_text('{"text": "一"}\n{"text": "二"}\n{"text": "三 违禁词"}\n', encoding="utf-8")
    (src / "crawl.jsonl").write_text('{"text": "四"}\n', encoding="utf-8")
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(
        "sources:\n  - name: wiki\n    kind: open-source\n    licence: CC-BY-ND-4.0\n"
        "    paths: ['wiki-*']\n    personal_information: false\n"
        "    proof: {licence_file: wiki.txt}\n", encoding="utf-8")
    report = _scan(src, tmp_path / "out", workers=1, ledger=ledger)
    assert set(report["sources"]) == {"wiki", "crawl.jsonl"}
    assert report["sources"]["wiki"]["kind"] == "open-source"
    assert report["sources"]["wiki"]["flagged_ratio"] == round(1 / 3, 6)
    assert report["quality"]["source_kinds"] == {"open-source": 0.75, "unknown": 0.25}
    assert report["ledger"]["unlisted_sources"] == ["crawl.jsonl"]
    assert "forbids training" in report["ledger"]["problems"]["wiki"][0]


def test_progress_bar_with_workers(corpus, scanned, tmp_path, capsys) -> None:
    _, report = scanned
    options = ScanOptions(inputs=[corpus[0]], out=tmp_path / "p", workers=2, sample_size=50, progress=True)
    assert run_scan(options, FakeFactory()) == report
    err = capsys.readouterr().err
    assert "600 records" in err and "rec/s" in err and "100.0%" in err


def test_real_pii_detector_counts_only_valid_check_digits(corpus, tmp_path) -> None:
    from tests.corpus.fakes import RealPiiFactory

    root, planted = corpus
    options = ScanOptions(inputs=[root], out=tmp_path / "pii", workers=2, sample_size=10, progress=False)
    report = run_scan(options, RealPiiFactory())
    assert report["pii"] == {"BANK_CARD": planted.valid_cards, "CN_MOBILE": planted.mobiles,
                             "CN_RESIDENT_ID": planted.valid_ids}
    assert planted.valid_ids == 9  # and 9 ids, 9 cards with wrong check digits were not counted
    clean = (tmp_path / "pii/clean/news/part-0.jsonl").read_text(encoding="utf-8")
    assert "110101199003071233" not in clean and "6222021000000005" not in clean
    assert "110101198501010024" in clean and "6222021000000014" in clean  # invalid ones stay
    assert report["sources"]["news"]["masked"] == 9
