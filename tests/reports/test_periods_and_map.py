"""Jalali periods exact to the day at their boundaries, the month buckets the
summaries group by, and the province map: all 31 provinces matched by code."""

import datetime as dt

import pytest

from core.periods import JalaliMonth, JalaliSeason
from reports.geo import PROVINCE_CODES, choropleth, iran_map, read_geojson
from reports.sources import AFTER, BEFORE, bucket_of


class TestMonthBoundaries:
    @pytest.mark.parametrize(
        ("month", "first", "last", "days"),
        [
            (JalaliMonth(1403, 1), dt.date(2024, 3, 20), dt.date(2024, 4, 19), 31),
            (JalaliMonth(1403, 6), dt.date(2024, 8, 22), dt.date(2024, 9, 21), 31),
            (JalaliMonth(1403, 7), dt.date(2024, 9, 22), dt.date(2024, 10, 21), 30),
            (JalaliMonth(1402, 12), dt.date(2024, 2, 20), dt.date(2024, 3, 19), 29),  # common
            (JalaliMonth(1403, 12), dt.date(2025, 2, 19), dt.date(2025, 3, 20), 30),  # leap
            (JalaliMonth(1404, 1), dt.date(2025, 3, 21), dt.date(2025, 4, 20), 31),
        ],
    )
    def test_exact_ranges(self, month, first, last, days):
        assert month.range == (first, last)
        assert month.days == days == (last - first).days + 1
        assert JalaliMonth.of(first) == month == JalaliMonth.of(last)
        assert JalaliMonth.of(first - dt.timedelta(days=1)) == month.previous()
        assert JalaliMonth.of(last + dt.timedelta(days=1)) == month.next()

    def test_consecutive_months_tile_the_calendar(self):
        month = JalaliMonth(1401, 1)
        while month < JalaliMonth(1405, 1):
            assert month.next().start == month.end + dt.timedelta(days=1)
            month = month.next()

    def test_labels_in_persian_digits(self):
        assert JalaliMonth(1403, 1).label == "فروردین ۱۴۰۳"
        assert JalaliMonth(1402, 12).label == "اسفند ۱۴۰۲"


class TestSeasonBoundaries:
    @pytest.mark.parametrize(
        ("season", "first", "last"),
        [
            (JalaliSeason(1403, 1), dt.date(2024, 3, 20), dt.date(2024, 6, 20)),
            (JalaliSeason(1403, 2), dt.date(2024, 6, 21), dt.date(2024, 9, 21)),
            (JalaliSeason(1403, 3), dt.date(2024, 9, 22), dt.date(2024, 12, 20)),
            (JalaliSeason(1403, 4), dt.date(2024, 12, 21), dt.date(2025, 3, 20)),  # leap Esfand
            (JalaliSeason(1402, 4), dt.date(2023, 12, 22), dt.date(2024, 3, 19)),  # common
        ],
    )
    def test_exact_ranges(self, season, first, last):
        assert season.range == (first, last)
        assert JalaliSeason.of(first) == season == JalaliSeason.of(last)
        assert JalaliSeason.of(last + dt.timedelta(days=1)) == season.next()
        assert JalaliSeason.of(first - dt.timedelta(days=1)) == season.previous()
        assert [m.season for m in season.months] == [season] * 3

    def test_keys_and_labels(self):
        assert JalaliSeason(1403, 1).key == "1403-S1"
        assert JalaliSeason(1403, 4).label == "زمستان ۱۴۰۳"


class TestBuckets:
    MONTHS = [JalaliMonth(1402, 12), JalaliMonth(1403, 1)]

    @pytest.mark.parametrize(
        ("day", "bucket"),
        [
            (dt.date(2024, 2, 19), BEFORE),  # last day of Bahman
            (dt.date(2024, 2, 20), "1402-12"),
            (dt.date(2024, 3, 19), "1402-12"),  # 29 Esfand 1402
            (dt.date(2024, 3, 20), "1403-01"),  # Nowruz
            (dt.date(2024, 4, 10), "1403-01"),  # today
            (dt.date(2024, 4, 11), AFTER),  # after today, though in Farvardin
            (None, AFTER),
        ],
    )
    def test_python_buckets(self, day, bucket):
        assert bucket_of(day, self.MONTHS, dt.date(2024, 4, 10)) == bucket

    @pytest.mark.django_db
    def test_sql_buckets_agree(self, world):
        from clubs.models import Meeting
        from reports.sources import month_bucket
        from tests.reports.factories import MeetingFactory

        today = dt.date(2024, 4, 10)
        days = [
            dt.date(2024, 2, 19),
            dt.date(2024, 2, 20),
            dt.date(2024, 3, 19),
            dt.date(2024, 3, 20),
            dt.date(2024, 4, 10),
            dt.date(2024, 4, 11),
        ]
        for day in days:
            MeetingFactory(club=world.club_a1, held_on=day)
        rows = Meeting.objects.annotate(b=month_bucket("held_on", self.MONTHS, today)).values_list(
            "held_on", "b"
        )
        assert dict(rows) == {d: bucket_of(d, self.MONTHS, today) for d in days}


class TestProvinceMap:
    def test_the_vendor_file_has_31_provinces(self):
        features = read_geojson()["features"]
        assert len(features) == 31

    def test_every_province_matches_an_official_code(self):
        shapes = iran_map().shapes
        codes = [s.code for s in shapes]
        assert "" not in codes
        assert len(set(codes)) == 31
        assert set(codes) == set(PROVINCE_CODES.values())

    def test_codes_are_the_ones_load_regions_stores(self):
        """The same 31 codes as the province data of django-iranian-cities."""
        from regions.services import _province_code, _read_package_csv

        official = {_province_code(row["code"]) for row in _read_package_csv("province.csv")}
        assert official == {s.code for s in iran_map().shapes}

    @pytest.mark.django_db
    def test_all_loaded_provinces_are_on_the_map(self):
        from django.core.management import call_command

        from regions.models import Province

        call_command("load_regions", verbosity=0)
        assert Province.objects.count() == 31
        assert set(Province.objects.values_list("code", flat=True)) == {
            s.code for s in iran_map().shapes
        }

    def test_shapes_are_inside_the_view_box(self):
        shape_map = iran_map()
        for shape in shape_map.shapes:
            x, y = shape.center
            assert 0 <= x <= shape_map.width and 0 <= y <= shape_map.height
            assert shape.path.startswith("M") and shape.path.endswith("Z")

    def test_choropleth_classes(self):
        fills = choropleth({"23": 100, "09": 50, "07": 0, "00": None})
        assert fills["23"] != fills["09"]
        assert fills["07"] == fills["00"] == "#f1f1f1"
