"""The board as an XLSX workbook (openpyxl, write-only so memory stays flat for a
national export). Rows come from `selectors.board_clubs`, i.e. from for_user."""

from __future__ import annotations

from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from clubs.models import Club
from clubs.rollout.selectors import board_rows, phase_labels, strategy_headers
from core import jalali

CHUNK = 1000


def _percent(value: float) -> float:
    return round(value * 100, 1)


def board_workbook(clubs: QuerySet[Club]) -> bytes:
    strategies = strategy_headers()
    numbers = [s.number for s in strategies]
    labels = phase_labels()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("استقرار کانون‌ها"))
    sheet.sheet_view.rightToLeft = True
    header = [
        _("دانشگاه"),
        _("شهرستان"),
        _("محله"),
        _("کانون"),
        _("نسخه الگو"),
        _("فاز جاری (تأیید دانشگاه)"),
        _("فاز جاری (گزارش کانون)"),
        _("درصد انجام‌شده"),
        _("درصد تأییدشده"),
        _("در انتظار تأیید"),
        _("بازگشت داده‌شده"),
        *[
            _("راهبرد %(n)s: %(title)s — درصد انجام") % {"n": s.number, "title": s.title}
            for s in strategies
        ],
        *[_("راهبرد %(n)s — درصد تأیید") % {"n": s.number} for s in strategies],
        _("آخرین به‌روزرسانی"),
    ]
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    ids = list(clubs.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(clubs.filter(pk__in=ids[start : start + CHUNK]))
        for row in board_rows(chunk, numbers):
            club = row.club
            county = club.neighborhood.county
            sheet.append(
                [
                    county.university.name,
                    county.name,
                    club.neighborhood.name,
                    club.name,
                    row.rollout.version.number if row.rollout else "",
                    labels.get(row.current_phase, row.current_phase),
                    labels.get(row.reported_phase, row.reported_phase),
                    _percent(row.done_share),
                    _percent(row.verified_share),
                    row.waiting,
                    row.returned,
                    *[_percent(cell.done_share) for cell in row.cells],
                    *[_percent(cell.verified_share) for cell in row.cells],
                    jalali.format_datetime(row.rollout.refreshed_at, digits="en")
                    if row.rollout and row.rollout.refreshed_at
                    else "",
                ]
            )
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
