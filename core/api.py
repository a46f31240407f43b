"""DRF fields for Persian clients: the API reads and writes Jalali dates."""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers

from core import jalali


class JalaliDateField(serializers.Field):
    """Serializes a Gregorian date as "1403-01-15" (Jalali, ASCII digits) and reads
    Jalali in any common form ("1403/01/15", Persian digits). A plain DRF DateField
    would read "1403-01-15" as year 1403 of the Gregorian calendar."""

    default_error_messages = {"invalid": "تاریخ را مانند 1403-01-15 بفرستید."}

    def to_representation(self, value: dt.date) -> str:
        return jalali.format_date(value, style="iso", digits="en")

    def to_internal_value(self, data) -> dt.date:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return jalali.parse_date(data)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
