"""Charts drawn on the server as inline SVG, for the PDF reports (WeasyPrint runs no
JavaScript). Plain shapes and text; labels are Persian, digits Persian."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from core.text import format_number

COLORS = ("#2e7d32", "#f9a825", "#1565c0", "#c62828", "#6a1b9a")
PLOT_LEFT, PLOT_RIGHT = 44, 10


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]
    color: str = COLORS[0]


def bar_chart(
    categories: list[str],
    series: list[Series],
    *,
    width: int = 640,
    height: int = 220,
    stacked: bool = False,
    text_labels: bool = False,
) -> str:
    """Vertical bars per category (right-to-left: the first category on the right),
    grouped or stacked, with value labels in Persian digits. Persian words (category
    names, legend) are drawn only with `text_labels`: WeasyPrint's SVG renderer does
    not shape Arabic script, so the PDF puts them in HTML around the chart
    (`chart_labels`), aligned to the same plot area."""
    left, right, top, bottom = PLOT_LEFT, PLOT_RIGHT, 12, 6 + (28 if text_labels else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(categories), 1)
    totals = [
        sum(s.values[i] for s in series)
        if stacked
        else max((s.values[i] for s in series), default=0)
        for i in range(len(categories))
    ]
    top_value = max(totals, default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Vazirmatn" font-size="10">'
    ]
    for step in range(5):
        value = top_value * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" fill="#555">'
            f"{format_number(round(value))}</text>"
        )
    slot = plot_w / n
    group_w = slot * 0.7
    bar_w = group_w if stacked else group_w / max(len(series), 1)
    for i, category in enumerate(categories):
        # Right to left: category 0 at the right edge.
        x0 = left + plot_w - slot * (i + 1) + (slot - group_w) / 2
        base = top + plot_h
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot_h * value / top_value
            if stacked:
                x, y = x0, base - h
                base -= h
            else:
                x, y = x0 + group_w - bar_w * (j + 1), top + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{s.color}"><title>{escape(s.label)}: {format_number(value)}</title></rect>'
            )
            if value and not stacked:
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle" '
                    f'font-size="8" fill="#333">{format_number(value)}</text>'
                )
        if text_labels:
            parts.append(
                f'<text x="{x0 + group_w / 2:.1f}" y="{height - bottom + 14}" '
                f'text-anchor="middle" fill="#333">{escape(category)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def map_svg(fills: dict[str, str], names: dict[str, str], *, width: int = 420) -> str:
    """Iran's provinces filled by code (reports.geo), for the national report."""
    from reports.geo import iran_map

    shape_map = iran_map()
    height = width * shape_map.height / shape_map.width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="{shape_map.view_box}">'
    ]
    for shape in shape_map.shapes:
        fill = fills.get(shape.code, "#f1f1f1")
        parts.append(
            f'<path d="{shape.path}" fill="{fill}" stroke="#fff" stroke-width="0.8">'
            f"<title>{escape(names.get(shape.code, shape.name_en))}</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)
