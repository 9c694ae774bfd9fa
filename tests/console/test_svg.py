import xml.etree.ElementTree as ET

from hegui.console.svg import bar_chart, line_chart


def test_line_chart_is_valid_svg_with_escaped_text() -> None:
    svg = line_chart("请求 <script>", ["01", "02", "03"], {"a&b": [0, 5, 10], "c": [1, 1, 1]})
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    lines = [el for el in root.iter() if el.tag.endswith("polyline")]
    assert len(lines) == 2
    ys = [float(p.split(",")[1]) for p in lines[0].get("points", "").split()]
    assert ys[0] > ys[1] > ys[2]  # larger values are drawn higher
    assert "<script>" not in svg


def test_bar_chart_handles_empty_and_scales() -> None:
    assert "无数据" in bar_chart("x", [])
    root = ET.fromstring(bar_chart("x", [("A1.7", 10), ("A2.1", 5)]))
    widths = [float(r.get("width", "0")) for r in root.iter() if r.tag.endswith("rect")]
    assert widths[0] == 2 * widths[1]
