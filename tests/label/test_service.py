"""The add / check / propagate flows beyond the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from hegui.label import security
from hegui.label.base import UnsupportedFormat
from hegui.label.config import LabelConfig
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.propagate import NothingToLabel, decide, propagate
from hegui.label.service import AddOptions, add, check, read
from tests.label.conftest import CODE, PLATFORM


def test_config_checks_provider_codes() -> None:
    assert LabelConfig(producer=CODE).producer == CODE
    with pytest.raises(ValidationError):
        LabelConfig(producer="12345")
    with pytest.raises(ValidationError):
        LabelConfig(unknown_key=True)  # type: ignore[call-arg]


@pytest.mark.parametrize(("existing", "declared", "traces", "value"), [
    (AIGCLabel(ContentProducer=CODE, ProduceID="a"), False, False, "1"),
    (AIGCLabel(ContentProducer=CODE, ProduceID="a"), True, True, "1"),
    (None, True, False, "2"),
    (None, True, True, "2"),
    (None, False, True, "3"),
])
def test_article_6_truth_table(existing, declared: bool, traces: bool, value: str) -> None:
    assert decide(existing, declared, traces) == value


def test_nothing_to_label_writes_nothing(sample, tmp_path: Path) -> None:
    with pytest.raises(NothingToLabel):
        propagate(sample("png"), tmp_path / "o.png", PLATFORM)
    assert not (tmp_path / "o.png").exists()


def test_plain_text_gets_an_explicit_label_only(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("正文\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="no implicit-label carrier"):
        add(src, tmp_path / "b.txt", AddOptions(producer=CODE))
    result = add(src, tmp_path / "b.txt", AddOptions(producer=CODE, implicit=False))
    assert result.label is None and result.explicit == "added"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").startswith("【本内容由人工智能生成")


def test_vorbis_explicit_is_refused_and_nothing_is_written(sample, tmp_path: Path) -> None:
    out = tmp_path / "o.ogg"
    with pytest.raises(LabelError, match="libvorbis"):
        add(sample("ogg"), out, AddOptions(producer=CODE))
    assert not out.exists()
    add(sample("ogg"), out, AddOptions(producer=CODE, explicit=False))
    assert read(out) is not None


def test_labelling_in_place(sample) -> None:
    path = sample("jpeg")
    add(path, path, AddOptions(producer=CODE, produce_id="inplace"))
    label = read(path)
    assert label is not None and label.ProduceID == "inplace"
    assert check(path)["explicit"]["found"]


def test_propagating_a_signed_label_keeps_the_signature_valid(sample, tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    security.generate_key(key)
    signed = tmp_path / "s.png"
    add(sample("png"), signed, AddOptions(producer=CODE, explicit=False,
                                          sign_key=security.load_private_key(key)))
    result = propagate(signed, tmp_path / "p.png", PLATFORM)
    assert result.explicit.startswith("not added")  # the pixels stay as signed
    report = check(tmp_path / "p.png")
    assert report["signature"] == "valid" and report["valid"]
    assert report["implicit"]["AIGC"]["ContentPropagator"] == PLATFORM


def test_check_reports_a_bad_provider_code_and_charset_problems(sample, tmp_path: Path) -> None:
    from hegui.label import images
    out = tmp_path / "b.png"
    images.PNG.write(sample("png"), out, AIGCLabel(ContentProducer="0011SHORT", ProduceID="x"))
    report = check(out)
    assert not report["valid"] and any("provider code" in p for p in report["problems"])
    from PIL import Image, PngImagePlugin

    from hegui.label.xmp import build_xmp
    packet = build_xmp(AIGCLabel(ContentProducer=CODE, ProduceID="x")).decode()
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet.replace('"ProduceID":"x"', '"ProduceID":"x y"'))
    bad = tmp_path / "c.png"
    Image.new("RGB", (16, 16)).save(bad, "PNG", pnginfo=info)
    report = check(bad)
    assert not report["valid"] and report["implicit"] is None
    assert any("character set" in p for p in report["problems"])
