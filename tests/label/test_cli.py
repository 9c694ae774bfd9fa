"""`hegui label …` end to end through the real command line app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hegui.cli import app
from tests.label.conftest import CODE, PLATFORM

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["label", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["png", "jpeg", "mp3", "mp4", "pdf", "markdown"])
def test_add_read_check(fmt: str, sample, tmp_path: Path) -> None:
    src = sample(fmt)
    out = tmp_path / f"out{src.suffix}"
    code, stdout, stderr = _run("add", str(src), "-o", str(out), "--producer", CODE,
                                "--produce-id", "cli-1")
    assert code == 0, stderr
    assert json.loads(stdout)["label"]["AIGC"]["ProduceID"] == "cli-1"
    code, stdout, _ = _run("read", str(out), "--json")
    assert code == 0 and json.loads(stdout) == {"AIGC": {
        "Label": "1", "ContentProducer": CODE, "ProduceID": "cli-1", "ReservedCode1": "",
        "ContentPropagator": "", "PropagateID": "", "ReservedCode2": ""}}
    code, stdout, _ = _run("check", str(out), "--json")
    report = json.loads(stdout)
    assert code == 0 and report["valid"] is True and report["format"] == fmt
    assert set(report) == {"format", "implicit", "explicit", "valid", "problems", "signature"}
    assert report["signature"] == "absent" and report["problems"] == []
    assert set(report["explicit"]) == {"found", "detail"}
    assert report["explicit"]["found"] is (fmt != "pdf")


def test_read_without_label_prints_null_and_check_fails(sample) -> None:
    src = sample("png")
    code, stdout, _ = _run("read", str(src), "--json")
    assert code == 0 and stdout.strip() == "null"
    code, stdout, _ = _run("check", str(src), "--json")
    report = json.loads(stdout)
    assert code == 1 and report["valid"] is False and report["implicit"] is None
    assert "no implicit label" in report["problems"]


def test_produce_id_defaults_to_a_fresh_unique_id(sample, tmp_path: Path) -> None:
    ids = set()
    for i in range(2):
        out = tmp_path / f"o{i}.png"
        code, stdout, _ = _run("add", str(sample("png")), "-o", str(out), "--producer", CODE)
        assert code == 0
        ids.add(json.loads(stdout)["label"]["AIGC"]["ProduceID"])
    assert len(ids) == 2 and all(len(i) >= 16 for i in ids)


def test_explicit_and_implicit_switches(sample, tmp_path: Path) -> None:
    out = tmp_path / "o.png"
    assert _run("add", str(sample("png")), "-o", str(out), "--producer", CODE,
                "--no-explicit")[0] == 0
    report = json.loads(_run("check", str(out), "--json")[1])
    assert report["explicit"]["found"] is False and report["implicit"] is not None
    only = tmp_path / "e.png"
    assert _run("add", str(sample("png")), "-o", str(only), "--producer", CODE,
                "--no-implicit")[0] == 0
    assert _run("read", str(only), "--json")[1].strip() == "null"
    assert json.loads(_run("check", str(only), "--json")[1])["explicit"]["found"] is True


def test_bad_producer_and_unknown_format_fail_clearly(sample, tmp_path: Path) -> None:
    code, _, stderr = _run("add", str(sample("png")), "-o", str(tmp_path / "x.png"),
                           "--producer", "BAD")
    assert code == 2 and "provider code" in stderr and not (tmp_path / "x.png").exists()
    code, _, stderr = _run("add", str(sample("png")), "-o", str(tmp_path / "x.png"),
                           "--producer", CODE, "--produce-id", "有 空格")
    assert code == 2 and "ProduceID" in stderr and not (tmp_path / "x.png").exists()
    odd = tmp_path / "odd.bin"
    odd.write_bytes(b"\x00" * 64)
    code, _, stderr = _run("add", str(odd), "-o", str(tmp_path / "y.bin"), "--producer", CODE)
    assert code == 2 and "unknown format" in stderr


def test_sign_and_check_with_public_key(sample, tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    assert _run("keygen", str(key))[0] == 0
    out = tmp_path / "s.jpg"
    assert _run("add", str(sample("jpeg")), "-o", str(out), "--producer", CODE,
                "--sign-key", str(key))[0] == 0
    code, stdout, _ = _run("check", str(out), "--json", "--public-key",
                           str(tmp_path / "k.pub.pem"))
    assert code == 0 and json.loads(stdout)["signature"] == "valid"
    # the label copied onto another image
    other = tmp_path / "other.jpg"
    from tests.label import makers
    makers.image(other, seed=9, format="JPEG")
    label = _run("read", str(out), "--json")[1]
    from hegui.label import images
    from hegui.label.metadata import AIGCLabel
    images.JPEG.write(other, other, AIGCLabel.parse(label))
    code, stdout, _ = _run("check", str(other), "--json")
    assert code == 1 and json.loads(stdout)["signature"] == "invalid"


def test_propagate_decides_labels(sample, tmp_path: Path) -> None:
    labelled = tmp_path / "l.png"
    _run("add", str(sample("png")), "-o", str(labelled), "--producer", CODE, "--produce-id", "p1")
    out = tmp_path / "p.png"
    code, stdout, stderr = _run("propagate", str(labelled), "-o", str(out), "--propagator",
                                PLATFORM, "--propagate-id", "plat-9")
    assert code == 0, stderr
    label = json.loads(_run("read", str(out), "--json")[1])["AIGC"]
    assert label["Label"] == "1" and label["ContentProducer"] == CODE and label["ProduceID"] == "p1"
    assert label["ContentPropagator"] == PLATFORM and label["PropagateID"] == "plat-9"
    plain = sample("markdown")
    code, _, stderr = _run("propagate", str(plain), "-o", str(tmp_path / "n.md"),
                           "--propagator", PLATFORM)
    assert code == 1 and "asks for no label" in stderr
    code, stdout, _ = _run("propagate", str(plain), "-o", str(tmp_path / "d.md"),
                           "--propagator", PLATFORM, "--declared-ai")
    assert code == 0 and json.loads(stdout)["label"]["AIGC"]["Label"] == "2"
    text = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "可能由人工智能生成" in text
    check = json.loads(_run("check", str(tmp_path / "d.md"), "--json")[1])
    assert check["valid"] is True, check


def test_propagate_label_3_when_only_traces_are_found(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("这段文字由人工智能生成。\n", encoding="utf-8")
    code, stdout, _ = _run("propagate", str(path), "-o", str(tmp_path / "o.md"),
                           "--propagator", PLATFORM)
    assert code == 0 and json.loads(stdout)["label"]["AIGC"]["Label"] == "3"


def test_batch_over_a_folder(sample, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for fmt in ("png", "jpeg", "markdown"):
        sample(fmt).rename(folder / "sub" / f"f-{fmt}{sample(fmt).suffix}")
    (folder / "junk.bin").write_bytes(b"\x00" * 32)
    code, stdout, stderr = _run("add", str(folder), "-o", str(tmp_path / "out"),
                                "--producer", CODE)
    report = json.loads(stdout)
    assert code == 1 and len(report["done"]) == 3 and len(report["failed"]) == 1
    assert "junk.bin" in stderr
    (tmp_path / "out" / "junk.bin").unlink(missing_ok=True)
    code, stdout, _ = _run("check", str(tmp_path / "out"), "--json")
    checked = json.loads(stdout)
    assert code == 0 and all(r["valid"] for r in checked["done"]) and len(checked["done"]) == 3
