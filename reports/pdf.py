"""The Persian PDF of a monitoring report, rendered by WeasyPrint from a template:
right to left, Vazirmatn (self-hosted TTF), tables and server-side SVG charts."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.jalali import format_datetime
from reports.charts import COLORS, PLOT_LEFT, PLOT_RIGHT, Series, bar_chart, map_svg
from reports.geo import ATTRIBUTION, choropleth

FONT_DIR = "vendor/vazirmatn/fonts/ttf"


def _font_url(weight: str) -> str:
    found = finders.find(f"{FONT_DIR}/Vazirmatn-{weight}.ttf")
    path = (
        Path(found)
        if found
        else Path(settings.BASE_DIR) / "static" / FONT_DIR / f"Vazirmatn-{weight}.ttf"
    )
    return path.as_uri()


def report_charts(content) -> dict[str, str]:
    categories = [m.label for m, _f in content.series]
    charts = {
        "meetings": bar_chart(
            categories,
            [Series("جلسات", [f["meetings"] for _m, f in content.series], COLORS[0])],
        ),
        "attendance": bar_chart(
            categories,
            [
                Series("زنان", [f["attendance_female"] for _m, f in content.series], COLORS[3]),
                Series("مردان", [f["attendance_male"] for _m, f in content.series], COLORS[2]),
            ],
            stacked=True,
        ),
    }
    charts["categories"] = categories
    charts["meetings_legend"] = [("جلسات", COLORS[0])]
    charts["attendance_legend"] = [("زنان", COLORS[3]), ("مردان", COLORS[2])]
    charts["plot_left"], charts["plot_right"] = PLOT_LEFT, PLOT_RIGHT
    if content.province_values:
        charts["map"] = map_svg(choropleth(content.province_values), content.province_names)
    return charts


def render_report_pdf(content) -> bytes:
    from weasyprint import HTML

    with translation.override("fa"):
        html = render_to_string(
            "reports/pdf/report.html",
            {
                "content": content,
                "charts": report_charts(content),
                "font_regular": _font_url("Regular"),
                "font_bold": _font_url("Bold"),
                "generated_at": format_datetime(timezone.now()),
                "map_attribution": ATTRIBUTION,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
