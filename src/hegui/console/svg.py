"""Server-rendered SVG charts (no JavaScript): a line chart over days and a horizontal bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1f6feb", "#d1242f", "#9a6700", "#1a7f37", "#8250df", "#bf3989")


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[int]],
               width: int = 640, height: int = 220) -> str:
    """One polyline per series over `labels` (days); the y axis starts at 0."""
    left, right, top, bottom = 40, 30, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([1, *(v for values in series.values() for v in values)])
    n = max(1, len(labels) - 1)
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">'),
        f'<text x="{left}" y="16" class="chart-title">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" class="axis"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="tick">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" class="tick">0</text>',
    ]
    step = max(1, len(labels) // 6)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            x = left + plot_w * i / n
            parts.append(f'<text x="{x:.1f}" y="{height - 18}" text-anchor="middle" class="tick">'
                         f'{escape(label)}</text>')
    for k, (name, values) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(f"{left + plot_w * i / n:.1f},{top + plot_h - plot_h * v / peak:.1f}"
                          for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}">'
                     f'<title>{escape(name)}</title></polyline>')
        lx = left + k * 150
        parts.append(f'<rect x="{lx}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{lx + 14}" y="{height - 3}" class="legend">{escape(name)} '
                     f'({sum(values)})</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, items: Sequence[tuple[str, int]], width: int = 640) -> str:
    """Horizontal bars, largest first as given; an empty list says so."""
    row, top, label_w = 22, 28, 190
    height = top + row * max(1, len(items)) + 8
    peak = max([1, *(v for _, v in items)])
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">'),
        f'<text x="4" y="16" class="chart-title">{escape(title)}</text>',
    ]
    if not items:
        parts.append(f'<text x="4" y="{top + 14}" class="tick">无数据 / no data</text>')
    for i, (name, value) in enumerate(items):
        y = top + i * row
        bar = (width - label_w - 50) * value / peak
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" class="tick">'
                     f'{escape(name[:28])}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" '
                     f'fill="{PALETTE[1]}"/>'
                     f'<text x="{label_w + bar + 4:.1f}" y="{y + 14}" class="tick">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
