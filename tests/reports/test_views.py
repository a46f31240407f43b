"""Dashboards and exports: who may, who may not (404 outside the scope), query
budgets constant in the number of rows, and reading summaries only."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.periods import JalaliMonth
from reports.models import ClubMonthSummary
from reports.services import summaries_rebuild
from tests import factories as f
from tests.reports import factories as rf

MONTH = "1403-03"


@pytest.fixture
def summaries(activity, today):
    summaries_rebuild(today=today)
    return activity


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, today):
    """Dashboards default to the month in progress; pin it to the fixtures' today."""
    from reports import selectors

    monkeypatch.setattr(selectors, "current_month", lambda today_=None: JalaliMonth.of(today))


def urls(world):
    return {
        "national": reverse("reports:national"),
        "province_1": reverse("reports:province", args=[world.province_1.pk]),
        "province_2": reverse("reports:province", args=[world.province_2.pk]),
        "university_a": reverse("reports:university", args=[world.university_a.pk]),
        "university_b": reverse("reports:university", args=[world.university_b.pk]),
        "county_a1": reverse("reports:county", args=[world.county_a1.pk]),
        "county_a2": reverse("reports:county", args=[world.county_a2.pk]),
        "county_b1": reverse("reports:county", args=[world.county_b1.pk]),
        "club_a1": reverse("reports:club", args=[world.club_a1.pk]),
        "club_a2": reverse("reports:club", args=[world.club_a2.pk]),
        "club_b1": reverse("reports:club", args=[world.club_b1.pk]),
    }


ALL = {
    "national",
    "province_1",
    "province_2",
    "university_a",
    "university_b",
    "county_a1",
    "county_a2",
    "county_b1",
    "club_a1",
    "club_a2",
    "club_b1",
}
ALLOWED = {
    "ministry_admin": ALL,
    "staff_a": {"university_a", "county_a1", "county_a2", "club_a1", "club_a2"},
    "staff_b": {"university_b", "county_b1", "club_b1"},
    "province_secretariat": {
        "province_1",
        "university_a",
        "county_a1",
        "county_a2",
        "club_a1",
        "club_a2",
    },
    "county_secretariat": {"county_a1", "club_a1"},
    "facilitator": {"club_a1"},
    "club_secretary": {"club_a1"},
    "outsider": set(),
}


@pytest.mark.django_db
class TestWhoMaySeeWhichDashboard:
    @pytest.mark.parametrize("user_fixture", list(ALLOWED))
    def test_each_role(self, request, login, summaries, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for name, url in urls(summaries).items():
            status = client.get(url).status_code
            if name in ALLOWED[user_fixture]:
                assert status == 200, (user_fixture, name)
            else:
                # The national dashboard is refused; a place outside the scope is not found.
                assert status == (403 if name == "national" else 404), (user_fixture, name)

    def test_anonymous_is_sent_to_login(self, client, summaries):
        for url in urls(summaries).values():
            response = client.get(url)
            assert response.status_code == 302
            assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize(
        ("user_fixture", "target"),
        [
            ("ministry_admin", "national"),
            ("staff_a", "university_a"),
            ("province_secretariat", "province_1"),
            ("county_secretariat", "county_a1"),
            ("facilitator", "club_a1"),
        ],
    )
    def test_entry_leads_to_the_broadest_dashboard(
        self, request, login, summaries, user_fixture, target
    ):
        response = login(request.getfixturevalue(user_fixture)).get(reverse("reports:dashboard"))
        assert response.status_code == 302
        assert response["Location"] == urls(summaries)[target]

    def test_outsider_has_no_dashboard(self, login, summaries, outsider):
        assert login(outsider).get(reverse("reports:dashboard")).status_code == 403

    def test_bad_month_is_404(self, login, summaries, ministry_admin):
        client = login(ministry_admin)
        assert client.get(reverse("reports:national"), {"month": "1403-13"}).status_code == 404


@pytest.mark.django_db
class TestNationalDashboard:
    def test_headline_map_and_tables(self, login, summaries, ministry_admin):
        response = login(ministry_admin).get(reverse("reports:national"), {"month": "1403-01"})
        assert response.status_code == 200
        d = response.context["d"]
        assert d.headline["meetings"] == 3  # A1: Nowruz and the last day of Farvardin; A2: one
        assert d.headline["clubs"] == 3
        assert d.month.label == "فروردین ۱۴۰۳"
        html = response.content.decode()
        assert html.count("data-province=") == 31
        assert "فروردین ۱۴۰۳" in html
        tehran = next(c for c in d.children if c.code == "23")
        assert tehran.figures["meetings"] == 3
        assert [m.label for m, _f in d.trend][-2:] == ["اسفند ۱۴۰۲", "فروردین ۱۴۰۳"]

    def test_no_rollout_or_forum_panels_until_their_sources_exist(
        self, login, summaries, ministry_admin
    ):
        html = login(ministry_admin).get(reverse("reports:national")).content.decode()
        assert 'data-testid="panel-phase_distribution"' not in html
        assert 'data-testid="panel-escalation_funnel"' not in html

    def test_dormant_clubs_are_listed(self, login, summaries, ministry_admin):
        response = login(ministry_admin).get(reverse("reports:national"), {"month": "1403-03"})
        names = [c.name for c in response.context["d"].dormant]
        # A2's only meeting was on 1403/01/06: more than 60 days before today.
        assert any("قائمیه" in name for name in names)
        assert not any("دروازه غار" in name for name in names)


def _add_clubs(world, count):
    for i in range(count):
        club = f.ClubFactory(
            neighborhood=f.NeighborhoodFactory(county=world.county_a1), name=f"کانون {i}"
        )
        rf.MeetingFactory(club=club, held_on=JalaliMonth.from_key(MONTH).start)


@pytest.mark.django_db
class TestQueryBudgets:
    @pytest.mark.parametrize(
        ("user_fixture", "name"),
        [
            ("ministry_admin", "national"),
            ("province_secretariat", "province_1"),
            ("staff_a", "university_a"),
            ("county_secretariat", "county_a1"),
            ("facilitator", "club_a1"),
        ],
    )
    def test_constant_and_never_touching_meetings(
        self, request, login, summaries, today, user_fixture, name, django_assert_max_num_queries
    ):
        client = login(request.getfixturevalue(user_fixture))
        url = urls(summaries)[name]
        client.get(url)  # warm the session
        _add_clubs(summaries, 25)
        summaries_rebuild(today=today)
        with django_assert_max_num_queries(10):
            response = client.get(url, {"month": MONTH})
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(url, {"month": MONTH})
        sql = " ".join(q["sql"] for q in captured.captured_queries).lower()
        for raw in ("clubs_meeting", "clubs_membership", "clubs_actionitem", "clubs_thematicgroup"):
            assert raw not in sql, raw
        assert "reports_" in sql

    def test_county_table_lists_every_club(self, login, summaries, today, county_secretariat):
        _add_clubs(summaries, 25)
        summaries_rebuild(today=today)
        response = login(county_secretariat).get(urls(summaries)["county_a1"], {"month": MONTH})
        assert len(response.context["d"].children) == 26


@pytest.mark.django_db
class TestExports:
    def _sheet(self, response):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        return load_workbook(io.BytesIO(response.content)).active

    def test_university_table_is_its_counties_only(self, login, summaries, staff_a):
        response = login(staff_a).get(
            urls(summaries)["university_a"], {"month": "1403-01", "export": "children"}
        )
        sheet = self._sheet(response)
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "شهرستان"
        names = {row[0] for row in rows[1:]}
        assert names == {"تهران", "اسلامشهر"}
        county = ClubMonthSummary.objects.filter(month="1403-01", county=summaries.county_a1)
        tehran = next(row for row in rows[1:] if row[0] == "تهران")
        assert tehran[5] == sum(r.meetings for r in county)  # «جلسات» column

    def test_export_outside_scope_is_404(self, login, summaries, staff_b):
        response = login(staff_b).get(urls(summaries)["university_a"], {"export": "children"})
        assert response.status_code == 404

    @pytest.mark.parametrize("table", ["children", "trend", "dormant"])
    def test_every_national_table_exports(self, login, summaries, ministry_admin, table):
        response = login(ministry_admin).get(reverse("reports:national"), {"export": table})
        sheet = self._sheet(response)
        assert sheet.max_row >= 1

    def test_unknown_table_is_404(self, login, summaries, ministry_admin):
        response = login(ministry_admin).get(reverse("reports:national"), {"export": "x"})
        assert response.status_code == 404
