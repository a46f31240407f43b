"""The read-only JSON API: scope, pagination and Jalali dates both ways."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.clubs.factories import MeetingFactory, MembershipFactory

CLUBS = "/api/clubs/"
MEETINGS = "/api/meetings/"


@pytest.mark.django_db
class TestClubsApi:
    def test_anonymous_is_refused(self, client, world):
        assert client.get(CLUBS).status_code == 403
        assert client.get(MEETINGS).status_code == 403

    @pytest.mark.parametrize(
        ("user_fixture", "expected"),
        [
            ("ministry_admin", {"club_a1", "club_a2", "club_b1"}),
            ("staff_a", {"club_a1", "club_a2"}),
            ("staff_b", {"club_b1"}),
            ("facilitator", {"club_a1"}),
            ("outsider", set()),
        ],
    )
    def test_scope(self, request, login, world, user_fixture, expected):
        response = login(request.getfixturevalue(user_fixture)).get(CLUBS)
        assert response.status_code == 200
        assert {row["id"] for row in response.json()["results"]} == {
            getattr(world, n).pk for n in expected
        }

    def test_detail_outside_scope_is_404(self, login, world, staff_b):
        client = login(staff_b)
        assert client.get(f"{CLUBS}{world.club_b1.pk}/").status_code == 200
        assert client.get(f"{CLUBS}{world.club_a1.pk}/").status_code == 404

    def test_jalali_dates_and_counts(self, login, world, staff_a):
        world.club_a1.opened_on = dt.date(2024, 4, 3)
        world.club_a1.last_meeting_on = dt.date(2025, 3, 20)
        world.club_a1.save()
        MembershipFactory(club=world.club_a1)
        row = login(staff_a).get(f"{CLUBS}{world.club_a1.pk}/").json()
        assert row["opened_on"] == "1403-01-15"
        assert row["last_meeting_on"] == "1403-12-30"
        assert row["founded_on"] is None
        assert row["member_count"] == 1
        assert row["status_label"] == "فعال"


@pytest.mark.django_db
class TestMeetingsApi:
    def test_scope_pagination_and_jalali_filters(self, login, world, staff_a):
        MeetingFactory(club=world.club_a1, held_on=dt.date(2024, 4, 3))  # 1403/01/15
        MeetingFactory(club=world.club_a1, held_on=dt.date(2024, 4, 20))  # 1403/02/01
        MeetingFactory(club=world.club_a2, held_on=dt.date(2024, 3, 19))  # 1402/12/29
        MeetingFactory(club=world.club_b1, held_on=dt.date(2024, 4, 3))
        client = login(staff_a)
        data = client.get(MEETINGS).json()
        assert data["count"] == 3
        assert [row["held_on"] for row in data["results"]] == [
            "1403-02-01",
            "1403-01-15",
            "1402-12-29",
        ]
        # Jalali in: Farvardin 1403, typed with Persian digits or slashes.
        month = client.get(MEETINGS, {"from": "۱۴۰۳/۰۱/۰۱", "to": "1403-01-31"}).json()
        assert [row["held_on"] for row in month["results"]] == ["1403-01-15"]
        by_club = client.get(MEETINGS, {"club": world.club_a2.pk}).json()
        assert [row["club"] for row in by_club["results"]] == [world.club_a2.pk]
        other = client.get(MEETINGS, {"club": world.club_b1.pk}).json()
        assert other["count"] == 0  # another university's club: nothing
        paged = client.get(MEETINGS, {"page_size": 2}).json()
        assert len(paged["results"]) == 2 and paged["next"]

    def test_bad_date_is_a_persian_400(self, login, world, staff_a):
        response = login(staff_a).get(MEETINGS, {"from": "1403-13-01"})
        assert response.status_code == 400
        assert "from" in response.json()

    def test_query_count_does_not_grow(self, login, world, staff_a, django_assert_max_num_queries):
        client = login(staff_a)
        client.get(MEETINGS)
        for day in range(40):
            MeetingFactory(club=world.club_a1, held_on=dt.date(2024, 1, 1) + dt.timedelta(days=day))
        with django_assert_max_num_queries(8):
            assert client.get(MEETINGS).status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(CLUBS).status_code == 200


def test_urls_are_mounted_under_api():
    assert reverse("clubs_api:club-list") == CLUBS
    assert reverse("clubs_api:meeting-list") == MEETINGS
