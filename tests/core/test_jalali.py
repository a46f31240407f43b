"""Jalali dates at the edges: parsing what people type, showing what they read, and
periods exact to the day, across Nowruz and leap years."""

import datetime as dt
import itertools
import threading

import jdatetime
import pytest

from core import jalali
from core.periods import JalaliMonth, JalaliSeason, months_between, period_from_key


class TestParse:
    @pytest.mark.parametrize(
        "text",
        ["1403/01/15", "۱۴۰۳/۰۱/۱۵", "١٤٠٣/٠١/١٥", "1403-1-15", " ۱۴۰۳/۱/۱۵ ", "1403.01.15"],
    )
    def test_every_way_of_typing_the_same_day(self, text):
        assert jalali.parse_date(text) == dt.date(2024, 4, 3)

    def test_gregorian_iso_from_machines(self):
        assert jalali.parse_date("2024-04-03") == dt.date(2024, 4, 3)

    @pytest.mark.parametrize(
        "text", ["1403/13/01", "1403/07/31", "1402/12/30", "۱۴۰۳/۰۰/۱۰", "فردا", "14030115", ""]
    )
    def test_bad_dates_raise_a_persian_message(self, text):
        with pytest.raises(ValueError) as error:
            jalali.parse_date(text)
        assert "تاریخ" in str(error.value) or "ماه" in str(error.value)

    def test_nowruz_boundary(self):
        assert jalali.parse_date("1402/12/29") == dt.date(2024, 3, 19)
        assert jalali.parse_date("1403/01/01") == dt.date(2024, 3, 20)
        assert jalali.parse_date("1403/12/30") == dt.date(2025, 3, 20)  # 1403 is a leap year
        assert jalali.parse_date("1404/01/01") == dt.date(2025, 3, 21)


class TestFormat:
    def test_short_with_persian_digits(self):
        assert jalali.format_date(dt.date(2024, 4, 3)) == "۱۴۰۳/۰۱/۱۵"

    def test_long_with_persian_month_name(self):
        assert jalali.format_date(dt.date(2024, 4, 3), "long") == "۱۵ فروردین ۱۴۰۳"
        assert jalali.format_date(dt.date(2025, 3, 20), "long") == "۳۰ اسفند ۱۴۰۳"

    def test_datetime_is_shown_in_tehran_time(self):
        moment = dt.datetime(2024, 3, 19, 21, 0, tzinfo=dt.UTC)  # 00:30 on Nowruz in Tehran
        assert jalali.format_datetime(moment) == "۱۴۰۳/۰۱/۰۱ ساعت ۰۰:۳۰"

    def test_round_trip(self):
        day = dt.date(2023, 3, 21)
        assert jalali.parse_date(jalali.format_date(day)) == day

    def test_month_names_are_persian_in_a_fresh_thread(self):
        """jdatetime's locale is per thread; our formatting never depends on it."""
        out = {}

        def work():
            out["ours"] = jalali.format_date(dt.date(2024, 4, 3), "long")
            jalali.activate_persian_locale()
            out["locale"] = jdatetime.get_locale()

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        assert out["ours"] == "۱۵ فروردین ۱۴۰۳"
        assert out["locale"] == jdatetime.FA_LOCALE


class TestPeriods:
    def test_farvardin_1403(self):
        month = JalaliMonth(1403, 1)
        assert month.range == (dt.date(2024, 3, 20), dt.date(2024, 4, 19))
        assert month.label == "فروردین ۱۴۰۳"
        assert month.key == "1403-01"

    def test_esfand_in_leap_and_common_years(self):
        assert JalaliMonth(1403, 12).range == (dt.date(2025, 2, 19), dt.date(2025, 3, 20))
        assert JalaliMonth(1403, 12).days == 30
        assert JalaliMonth(1402, 12).range == (dt.date(2024, 2, 20), dt.date(2024, 3, 19))
        assert JalaliMonth(1402, 12).days == 29

    def test_months_tile_the_year_without_gaps(self):
        months = months_between(JalaliMonth(1402, 1), JalaliMonth(1404, 12))
        for previous, current in itertools.pairwise(months):
            assert current.start == previous.end + dt.timedelta(days=1)

    def test_month_of_a_day(self):
        assert JalaliMonth.of(dt.date(2024, 3, 19)) == JalaliMonth(1402, 12)
        assert JalaliMonth.of(dt.date(2024, 3, 20)) == JalaliMonth(1403, 1)

    def test_seasons(self):
        spring = JalaliSeason(1403, 1)
        assert spring.range == (dt.date(2024, 3, 20), dt.date(2024, 6, 20))
        winter = JalaliSeason(1403, 4)
        assert winter.range == (dt.date(2024, 12, 21), dt.date(2025, 3, 20))
        assert winter.label == "زمستان ۱۴۰۳"
        assert winter.next() == JalaliSeason(1404, 1)
        assert JalaliSeason.of(dt.date(2024, 9, 22)) == JalaliSeason(1403, 3)  # 1 Mehr

    def test_keys(self):
        assert period_from_key("1403-02") == JalaliMonth(1403, 2)
        assert period_from_key("1403-S4") == JalaliSeason(1403, 4)
        assert period_from_key("۱۴۰۳-۰۲") == JalaliMonth(1403, 2)
        with pytest.raises(ValueError):
            period_from_key("1403-13")
