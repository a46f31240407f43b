"""django-import-export widgets for Persian spreadsheets: the one place where
spreadsheet cells meet Jalali dates and Persian digits. Resources of every app use
these instead of the library's DateWidget (which would read "1403-01-15" as a
Gregorian year and write nothing for a jdatetime value)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from import_export import widgets

from core import jalali
from core.text import normalize, normalize_number


class JalaliDateWidget(widgets.Widget):
    """Cells hold Jalali dates (1403/01/15, Persian digits allowed); a cell that a
    spreadsheet program turned into a real date is taken as that Gregorian day.
    Export writes 1403/01/15 with ASCII digits, which every program can sort."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return jalali.parse_date(str(value))

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return jalali.format_date(value, digits="en")


class PersianCharWidget(widgets.CharWidget):
    """Text cells normalized like form input: Persian/Arabic digits → ASCII, ي/ك → ی/ک."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = str(int(value))  # "09121234567" read by a spreadsheet as a number
        value = super().clean(value, row, **kwargs)
        return normalize(str(value)) if value not in (None, "") else ""


class PersianIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = normalize_number(value)
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(f"«{value}» عدد نیست.") from exc
        if number != number.to_integral_value():
            raise ValueError(f"«{value}» عدد صحیح نیست.")
        return int(number)


class PersianBooleanWidget(widgets.BooleanWidget):
    """بله/خیر, yes/no, 1/0, true/false."""

    TRUE_VALUES = ["1", 1, True, "true", "TRUE", "True", "yes", "بله", "آری", "دارد"]
    FALSE_VALUES = ["0", 0, False, "false", "FALSE", "False", "no", "خیر", "نه", "ندارد"]

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = normalize(value)
        if value in ("", None):
            return None
        if value in self.TRUE_VALUES:
            return True
        if value in self.FALSE_VALUES:
            return False
        raise ValueError(f"«{value}» باید «بله» یا «خیر» باشد.")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "بله" if value else "خیر"
