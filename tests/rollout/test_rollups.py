"""Roll-ups per nation, province, university and county against hand-counted
fixtures.

    club   university county  province  state
    a1     A          a1      1         phases 1–2 verified        → phase 3 (reported 3)
    a2     A          a2      1         phase 1 done, not verified → phase 1 (reported 2)
    a3     A          a1      1         never synced (no summary)  → phase 1 (reported 1)
    b1     B          b1      2         everything verified        → complete
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clubs.rollout import selectors
from clubs.rollout.models import ProgressStatus
from tests import factories as f

from .conftest import complete_phases

pytestmark = pytest.mark.django_db

URL = reverse("rollout:rollups")


@pytest.fixture
def fixture_clubs(world):
    complete_phases(world.club_a1, 2)
    complete_phases(world.club_a2, 1, status=ProgressStatus.DONE)
    a3 = f.ClubFactory(neighborhood=world.neighborhood_a1, name="کانون سوم")
    complete_phases(world.club_b1, 4)
    return a3


def phases(row, basis="verified"):
    counts = row.verified_phases if basis == "verified" else row.reported_phases
    return [counts[n] for n in (1, 2, 3, 4, 5)]


def strategy(row, number):
    return next(s for s in row.strategies if s.number == number)


class TestNation:
    def test_share_of_clubs_in_each_phase(self, world, fixture_clubs, ministry_admin):
        (row,) = selectors.rollup(ministry_admin)
        assert row.clubs == 4
        assert phases(row) == [2, 0, 1, 0, 1]
        assert phases(row, "reported") == [1, 1, 1, 0, 1]
        shares = {n: ratio for n, _count, ratio in row.verified_phase_shares()}
        assert shares[1] == 0.5
        assert shares[5] == 0.25

    def test_per_strategy_completion(self, world, fixture_clubs, ministry_admin):
        (row,) = selectors.rollup(ministry_admin)
        s1 = strategy(row, 1)
        # done-or-verified: a1, a2, b1 of 4; verified: a1, b1
        assert (s1.clubs, s1.complete, s1.verified_complete) == (4, 3, 2)
        assert s1.complete_share == 0.75
        assert (s1.applicable, s1.done, s1.verified) == (9, 9, 6)  # a3 has no rows
        s5 = strategy(row, 5)
        assert (s5.complete, s5.verified_complete) == (2, 2)
        s12 = strategy(row, 12)
        assert (s12.complete, s12.verified_complete) == (1, 1)
        assert s12.verified_share == pytest.approx(2 / 6)


class TestGroups:
    def by_name(self, rows):
        return {row.name: row for row in rows}

    def test_per_university(self, world, fixture_clubs, ministry_admin):
        rows = self.by_name(selectors.rollup(ministry_admin, group_by="university"))
        a, b = rows["دانشگاه علوم پزشکی الف"], rows["دانشگاه علوم پزشکی ب"]
        assert (a.clubs, phases(a)) == (3, [2, 0, 1, 0, 0])
        assert phases(a, "reported") == [1, 1, 1, 0, 0]
        assert (b.clubs, phases(b)) == (1, [0, 0, 0, 0, 1])
        assert strategy(a, 1).complete == 2 and strategy(a, 1).verified_complete == 1
        assert strategy(b, 12).verified_complete == 1

    def test_per_province(self, world, fixture_clubs, ministry_admin):
        rows = self.by_name(selectors.rollup(ministry_admin, group_by="province"))
        assert {name: row.clubs for name, row in rows.items()} == {"تهران": 3, "خراسان رضوی": 1}

    def test_per_county(self, world, fixture_clubs, ministry_admin):
        rows = self.by_name(selectors.rollup(ministry_admin, group_by="county"))
        assert {name: phases(row) for name, row in rows.items()} == {
            "تهران": [1, 0, 1, 0, 0],
            "اسلامشهر": [1, 0, 0, 0, 0],
            "مشهد": [0, 0, 0, 0, 1],
        }
        assert strategy(rows["اسلامشهر"], 1).complete == 1
        assert strategy(rows["اسلامشهر"], 1).verified_complete == 0

    def test_scoped_to_the_user(self, world, fixture_clubs, staff_a, county_secretariat):
        (row,) = selectors.rollup(staff_a)
        assert (row.clubs, phases(row)) == (3, [2, 0, 1, 0, 0])
        (row,) = selectors.rollup(county_secretariat)
        assert (row.clubs, phases(row)) == (2, [1, 0, 1, 0, 0])

    def test_aggregate_queries_only(self, world, fixture_clubs, ministry_admin):
        ministry_admin.cached_role_assignments()
        for i in range(10):
            f.ClubFactory(neighborhood=world.neighborhood_b1, name=f"کانون {i}")
        with CaptureQueriesContext(connection) as queries:
            selectors.rollup(ministry_admin, group_by="county")
        assert len(queries) == 2


class TestPage:
    def test_staff_see_their_numbers(self, login, world, fixture_clubs, staff_a):
        response = login(staff_a).get(URL, {"group_by": "county"})
        assert response.status_code == 200
        assert response.context["total"].clubs == 3
        assert {row.name for row in response.context["groups"]} == {"تهران", "اسلامشهر"}
        page = response.content.decode()
        assert "٪۶۷" in page  # 2 of 3 clubs in phase 1

    def test_ministry_filters_a_university(self, login, world, fixture_clubs, ministry_admin):
        response = login(ministry_admin).get(URL, {"university": world.university_b.pk})
        assert response.context["total"].clubs == 1

    @pytest.mark.parametrize("user_fixture", ["facilitator", "club_secretary", "outsider"])
    def test_club_roles_are_refused(self, request, login, world, user_fixture):
        assert login(request.getfixturevalue(user_fixture)).get(URL).status_code == 403

    def test_query_budget(
        self, login, world, fixture_clubs, ministry_admin, django_assert_max_num_queries
    ):
        client = login(ministry_admin)
        client.get(URL)
        with django_assert_max_num_queries(12):
            client.get(URL, {"group_by": "university"})
