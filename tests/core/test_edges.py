"""The import-export widgets and the API field convert Jalali in both directions."""

import datetime as dt

import pytest

from core.api import JalaliDateField
from core.importexport import (
    JalaliDateWidget,
    PersianBooleanWidget,
    PersianCharWidget,
    PersianIntegerWidget,
)


class TestJalaliDateWidget:
    widget = JalaliDateWidget()

    @pytest.mark.parametrize(
        "cell",
        [
            "1403/01/15",
            "۱۴۰۳/۰۱/۱۵",
            "1403-01-15",
            dt.date(2024, 4, 3),
            dt.datetime(2024, 4, 3, 0, 0),
        ],
    )
    def test_import(self, cell):
        assert self.widget.clean(cell) == dt.date(2024, 4, 3)

    def test_export(self):
        assert self.widget.render(dt.date(2024, 4, 3)) == "1403/01/15"
        assert self.widget.render(None) == ""

    def test_round_trip(self):
        day = dt.date(2025, 3, 20)  # 30 Esfand 1403, leap year
        assert self.widget.clean(self.widget.render(day)) == day

    def test_bad_date_raises_persian_message(self):
        with pytest.raises(ValueError, match="تاریخ"):
            self.widget.clean("1403/02/32")


def test_text_widgets():
    assert PersianCharWidget().clean("علي ۱۲") == "علی 12"
    assert PersianCharWidget().clean(9121234567.0) == "9121234567"
    assert PersianIntegerWidget().clean("۱٬۲۰۰") == 1200
    with pytest.raises(ValueError):
        PersianIntegerWidget().clean("۱۲٫۵")
    assert PersianBooleanWidget().clean("بله") is True
    assert PersianBooleanWidget().clean("خير") is False  # Arabic yeh
    with pytest.raises(ValueError):
        PersianBooleanWidget().clean("شاید")


class TestApiField:
    field = JalaliDateField()

    def test_out(self):
        assert self.field.to_representation(dt.date(2025, 4, 23)) == "1404-02-03"

    @pytest.mark.parametrize("sent", ["1404-02-03", "۱۴۰۴/۰۲/۰۳", "1404/2/3"])
    def test_in(self, sent):
        assert self.field.to_internal_value(sent) == dt.date(2025, 4, 23)

    def test_invalid(self):
        from rest_framework.exceptions import ValidationError

        with pytest.raises(ValidationError):
            self.field.to_internal_value("1404-13-01")
