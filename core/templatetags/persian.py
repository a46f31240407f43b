"""Template filters for Persian display; loaded as builtins in every template.

{{ club.opened_on|jdate }}         ۱۴۰۳/۰۱/۱۵
{{ club.opened_on|jdate:"long" }}  ۱۵ فروردین ۱۴۰۳
{{ meeting.created_at|jdatetime }} ۱۴۰۳/۰۱/۱۵ ساعت ۱۴:۳۰
{{ count|fanum }}                  ۱۲٬۳۴۵
{{ code|fa }}                      any text with Persian digits
"""

from django import template

from core import jalali
from core.text import format_number, persian_digits

register = template.Library()


@register.filter
def fa(value) -> str:
    if value is None:
        return ""
    return persian_digits(value)


@register.filter
def fanum(value, decimals=None) -> str:
    if value in (None, ""):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return persian_digits(value)
    return format_number(number, None if decimals in (None, "") else int(decimals))


@register.filter
def fapercent(value, decimals=0) -> str:
    """0.4567 → ٪۴۶ ; None → —"""
    if value in (None, ""):
        return "—"
    return "٪" + format_number(float(value) * 100, int(decimals))


@register.filter
def jdate(value, style="short") -> str:
    return jalali.format_date(value, style=style)


@register.filter
def jdatetime(value) -> str:
    return jalali.format_datetime(value)
