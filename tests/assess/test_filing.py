"""The service profile and the filing pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from hegui.assess.filing import build_pack
from hegui.assess.profile import ProfileError, load_profile

from .test_report import EXAMPLE


def _profile_with_run(tmp_path: Path, run: Path, bank: Path) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update({"run": str(run), "bank": str(bank)})
    path = tmp_path / "service.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_example_profile_is_valid() -> None:
    p = load_profile(EXAMPLE)
    assert p.service.algorithm_type == "生成合成类" and p.clauses["6a"].status == "不适用"


@pytest.mark.parametrize(("patch", "message"), [
    ({"surprise": 1}, "surprise: Extra inputs are not permitted"),
    ({"clauses": {"9.9": {"status": "符合"}}}, "unknown clause keys"),
    ({"clauses": {"7a": {"status": "差不多"}}}, "clauses.7a.status"),
])
def test_bad_profiles_name_the_key(tmp_path: Path, patch: dict[str, object], message: str) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(patch)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_pack_holds_fields_questions_and_report(tmp_path: Path, finished_run: Path,
                                               bank_and_script: tuple[Path, dict[str, str]]) -> None:
    profile = load_profile(_profile_with_run(tmp_path, finished_run, bank_and_script[0]))
    out = tmp_path / "pack"
    manifest = build_pack(profile, out)
    fields = json.loads((out / "filing.json").read_text(encoding="utf-8"))
    assert fields["算法类型"] == "生成合成类" and fields["服务提供者"] == "示例智能科技有限公司"
    assert fields["服务形式"] == ["APP", "API"] and fields["应用领域"] == "通用问答、办公写作"
    assert fields["安全自评估结论"].startswith("不符合") and "生成内容合格率" in fields["安全自评估结论"]
    assert "公示内容" in fields and "| 算法类型 | 生成合成类 |" in (out / "备案信息.md").read_text(encoding="utf-8")
    wb = load_workbook(out / "测试题库.xlsx")
    assert sum(ws.max_row - 1 for ws in wb.worksheets) == 40
    assert PdfReader(out / "安全评估报告.pdf").pages
    for name in manifest["files"]:
        assert (out / name).stat().st_size > 0
