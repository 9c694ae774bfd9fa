"""The report in Markdown, HTML and PDF, Chinese and English, with the clause table."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from hegui.assess.clauses import CLAUSES
from hegui.assess.profile import load_profile
from hegui.assess.report import ReportInputs, render
from hegui.assess.store import RunDir

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "hegui" / "data" / "examples" / "service.yaml"


def test_markdown_report_has_every_section_and_figure(finished_run: Path) -> None:
    md = render(ReportInputs(RunDir(finished_run), load_profile(EXAMPLE)), "md")
    assert isinstance(md, str)
    for heading in ("一、服务基本情况", "二、评估方法", "三、测试题库覆盖情况", "四、评估结果", "五、不合格示例",
                    "六、TC260-003 第5—8章逐条评估", "七、评估结论"):
        assert f"## {heading}" in md
    assert "| 生成内容合格率 | 85.0% | 20 | 64.0% – 94.8% | ≥ 90.0% | 不通过 |" in md
    assert "| 应拒答题拒答率 | 90.0% | 10 |" in md
    assert "示例智能科技有限公司" in md
    for clause in CLAUSES:
        assert f"| {clause.key} " in md
    assert "| 6a 使用已备案的基础模型 | 不适用 |" in md  # from the profile
    assert "| 8.3 生成内容测试题库 | 不符合 |" in md  # from bank stats: 20 questions is short of 2,000
    assert "总体结论：不符合" in md
    line81 = next(line for line in md.splitlines() if line.startswith("| 8.1 "))
    assert "关键词库共" in line81 and "版本" in line81  # from the keyword library's own stats
    assert "g00" in md and "r07" in md and "a02" in md  # failing examples


def test_html_has_inline_svg_and_no_script(finished_run: Path) -> None:
    html = render(ReportInputs(RunDir(finished_run), None), "html")
    assert isinstance(html, str)
    assert html.count("<svg") == 3 and "<script" not in html
    assert "各风险生成内容合格率" in html


def test_english_report(finished_run: Path) -> None:
    md = render(ReportInputs(RunDir(finished_run), None, lang="en"), "md")
    assert isinstance(md, str)
    assert "## 4. Results" in md and "| Generated content pass rate | 85.0% | 20 |" in md
    assert "non-compliant" in md


def test_pdf_is_real_and_its_chinese_text_extracts(finished_run: Path) -> None:
    pdf = render(ReportInputs(RunDir(finished_run), load_profile(EXAMPLE)), "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    text = "".join(page.extract_text() for page in reader.pages)
    compact = "".join(text.split())
    assert "生成式人工智能服务安全评估报告" in compact
    assert "示例智能助手" in compact and "评估结论" in compact
    fonts = {str(f) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts  # text is set in an embedded font, not drawn as shapes


def test_corpus_reports_and_gateway_config_become_evidence(finished_run: Path, tmp_path: Path) -> None:
    import json

    import yaml

    report = {"totals": {"records": 5000, "flagged": 40},
              "sources": {"web": {"records": 4000, "flagged": 30, "flagged_ratio": 0.0075, "pass": True},
                          "forum": {"records": 1000, "flagged": 100, "flagged_ratio": 0.1, "pass": False}},
              "pii": {"CN_MOBILE": 7, "EMAIL": 2},
              "technical_check": {"sampled_ratio": 1.0, "pass_rate": 0.992, "min_sampled_ratio": 0.1,
                                  "min_pass_rate": 0.98, "pass": True}}
    (tmp_path / "report.json").write_text(json.dumps(report), encoding="utf-8")
    (tmp_path / "hegui.yaml").write_text("detection: {pii: true}\n", encoding="utf-8")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update({"corpus_reports": ["report.json"], "config": "hegui.yaml"})
    (tmp_path / "service.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    md = render(ReportInputs(RunDir(finished_run), load_profile(tmp_path / "service.yaml")), "md")
    assert isinstance(md, str)
    rows = {line.split(" ")[1]: line for line in md.splitlines() if line.startswith("| 5.")}
    assert "| 不符合 |" in rows["5.1a"] and "违法不良信息超过5%的来源 1 个" in rows["5.1a"]
    assert "| 符合 |" in rows["5.2a"] and "合格率 99.2%" in rows["5.2a"]
    assert "CN_MOBILE 7" in rows["5.2c"] and "| 不符合 |" in rows["5.2c"]  # evidence only: status needs a person
    row82 = next(line for line in md.splitlines() if line.startswith("| 8.2 "))
    assert "未配置分类模型" in row82
