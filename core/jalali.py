"""The one place where Gregorian dates (what the database stores) meet Jalali dates
(what people read and type). Forms, template filters, import/export widgets and the
API all call these functions.

Month names come from this module, not from jdatetime's locale, so they are Persian
in every thread (jdatetime's locale is per thread); `activate_persian_locale` is still
called per request and per Celery task for any code that uses jdatetime directly.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import normalize, persian_digits

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
SEASON_NAMES = ("بهار", "تابستان", "پاییز", "زمستان")
WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")

# 1403/01/15, 1403-1-15, 1403.01.15 (after digits are normalized)
_DATE_RE = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Years before this are Jalali, after it Gregorian: no Jalali year in use is above
# 1600, no Gregorian one below 1900.
_GREGORIAN_FROM_YEAR = 1700


def activate_persian_locale() -> None:
    jdatetime.set_locale(jdatetime.FA_LOCALE)


def to_jalali(value: dt.date | dt.datetime) -> jdatetime.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return jdatetime.date.fromgregorian(date=value)


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """A Jalali day as a Gregorian date; ValueError if the day does not exist."""
    if not 1 <= month <= 12:
        raise ValueError(_("ماه باید بین ۱ و ۱۲ باشد."))
    if year < 1 or year > 3000:
        raise ValueError(_("سال درست نیست."))
    return jdatetime.date(year, month, day).togregorian()


def parse_date(text: str) -> dt.date:
    """Read a date as a person types it: ۱۴۰۳/۰۱/۱۵, 1403-1-15, ١٤٠٣/٠١/١٥.

    A four-digit year above 1700 is taken as Gregorian ISO (2024-04-03), which is
    what machines (spreadsheets, the API's clients) send. Raises ValueError with a
    Persian message.
    """
    cleaned = normalize(text)
    match = _DATE_RE.match(cleaned)
    if not match:
        raise ValueError(
            _("تاریخ «%(value)s» درست نیست؛ مانند ۱۴۰۳/۰۱/۱۵ بنویسید.") % {"value": text}
        )
    year, month, day = (int(part) for part in match.groups())
    if year >= _GREGORIAN_FROM_YEAR:
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(_("تاریخ «%(value)s» وجود ندارد.") % {"value": text}) from exc
    try:
        return to_gregorian(year, month, day)
    except ValueError as exc:
        raise ValueError(_("تاریخ «%(value)s» در تقویم وجود ندارد.") % {"value": text}) from exc


def format_date(
    value: dt.date | dt.datetime | None, style: str = "short", digits: str = "fa"
) -> str:
    """short: ۱۴۰۳/۰۱/۱۵ — long: ۱۵ فروردین ۱۴۰۳ — month: فروردین ۱۴۰۳ — iso: 1403-01-15."""
    if value is None:
        return ""
    jdate = to_jalali(value)
    if style == "long":
        text = f"{jdate.day} {MONTH_NAMES[jdate.month - 1]} {jdate.year}"
    elif style == "month":
        text = f"{MONTH_NAMES[jdate.month - 1]} {jdate.year}"
    elif style == "weekday":
        text = f"{WEEKDAY_NAMES[jdate.weekday()]} {jdate.day} {MONTH_NAMES[jdate.month - 1]} {jdate.year}"
    elif style == "iso":
        text = f"{jdate.year:04d}-{jdate.month:02d}-{jdate.day:02d}"
    else:
        text = f"{jdate.year:04d}/{jdate.month:02d}/{jdate.day:02d}"
    return persian_digits(text) if digits == "fa" else text


def format_datetime(value: dt.datetime | None, digits: str = "fa") -> str:
    """۱۴۰۳/۰۱/۱۵ ساعت ۱۴:۳۰ in Tehran time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    text = f"{format_date(local, digits='en')} ساعت {local:%H:%M}"
    return persian_digits(text) if digits == "fa" else text


def is_iso_date(text: str) -> bool:
    return bool(_ISO_RE.match(text))


def today() -> dt.date:
    return timezone.localdate()
