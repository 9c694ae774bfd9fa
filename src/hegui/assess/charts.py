"""Inline SVG charts for the report: horizontal bars with a threshold line. No JavaScript."""

from __future__ import annotations

from html import escape


def bar_chart(rows: list[tuple[str, float | None, bool]], threshold: float, title: str,
              width: int = 640, bar_h: int = 16) -> str:
    """One bar per (label, value 0–1, passed); a dashed line marks the threshold."""
    left, right, top = 150, 60, 28
    plot = width - left - right
    height = top + len(rows) * (bar_h + 6) + 24
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            'font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" font-size="11">')
    parts = [head,
             f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>']
    for n, (label, value, passed) in enumerate(rows):
        y = top + n * (bar_h + 6)
        parts.append(f'<text x="{left - 6}" y="{y + bar_h - 4}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{plot}" height="{bar_h}" fill="#eef0f3"/>')
        if value is not None:
            w = max(0.0, min(1.0, value)) * plot
            color = "#2e7d32" if passed else "#c62828"
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
            parts.append(f'<text x="{left + plot + 4}" y="{y + bar_h - 4}">{value * 100:.1f}%</text>')
        else:
            parts.append(f'<text x="{left + plot + 4}" y="{y + bar_h - 4}">—</text>')
    tx = left + threshold * plot
    bottom = top + len(rows) * (bar_h + 6)
    parts.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{bottom}" stroke="#333" '
                 'stroke-dasharray="4 3" stroke-width="1"/>')
    parts.append(f'<text x="{tx:.1f}" y="{bottom + 14}" text-anchor="middle">{threshold * 100:.0f}%</text>')
    parts.append("</svg>")
    return "".join(parts)
