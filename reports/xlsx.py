"""XLSX files: any dashboard table, and the numbers behind a monitoring report.
Numbers are written as numbers (not Persian text) so spreadsheets can add them up;
sheets are right to left."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from core.jalali import format_date


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    sheet: Worksheet = workbook.create_sheet(title=title[:31])
    sheet.sheet_view.rightToLeft = True
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([str(v) if hasattr(v, "__html__") or not _plain(v) else v for v in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    sheet.freeze_panes = "A2"
    return sheet


def _plain(value) -> bool:
    return value is None or isinstance(value, int | float | str)


def _bytes(workbook: Workbook) -> bytes:
    del workbook[workbook.sheetnames[0]]  # the empty default sheet
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    _sheet(workbook, title, headers, rows)
    return _bytes(workbook)


def report_xlsx(content) -> bytes:
    """Sheets: the period's figures, the table by county (or province), the months."""
    from reports.selectors import REPORT_TABLE_COLUMNS

    workbook = Workbook()
    _sheet(
        workbook,
        "خلاصه",
        ["شاخص", "کلید", "مقدار"],
        [
            ["محدوده", "scope", content.scope_label],
            ["دوره", "period", content.period.label],
            *[[label, key, value] for key, label, value in content.rows + content.extra_rows],
        ],
    )
    keys = [key for key, _label in REPORT_TABLE_COLUMNS]
    _sheet(
        workbook,
        content.table_label,
        [content.table_label, *[str(label) for _key, label in REPORT_TABLE_COLUMNS]],
        [[name, *[values[k] for k in keys]] for name, values in content.table],
    )
    series_keys = ["clubs_active", "meetings", "attendance_female", "attendance_male", "members"]
    _sheet(
        workbook,
        "روند ماهانه",
        ["ماه", "کلید ماه", "کانون فعال", "جلسات", "حضور زنان", "حضور مردان", "اعضا"],
        [[m.label, m.key, *[f[k] for k in series_keys]] for m, f in content.series],
    )
    if content.dormant:
        _sheet(
            workbook,
            "کانون‌های کم‌فعال",
            ["کانون", "شهرستان", "آخرین جلسه"],
            [[name, county, format_date(day)] for name, county, day in content.dormant],
        )
    return _bytes(workbook)
