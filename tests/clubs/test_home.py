"""The facilitator's (and club secretary's) home: my clubs, what is due, one-tap
meeting logging; the counts of members and of this Jalali month's meetings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clubs.models import Club
from tests.clubs.factories import ActionItemFactory, MeetingFactory, MembershipFactory

TODAY = timezone.localdate()
HOME = reverse("home")


@pytest.mark.django_db
class TestClubHome:
    @pytest.mark.parametrize("user_fixture", ["facilitator", "club_secretary"])
    def test_my_clubs_due_items_and_log_button(self, request, login, world, user_fixture):
        Club.objects.filter(pk=world.club_a1.pk).update(
            last_meeting_on=TODAY - dt.timedelta(days=70)
        )
        late = ActionItemFactory(
            club=world.club_a1, title="اقدام دیرکرد", due_on=TODAY - dt.timedelta(days=2)
        )
        soon = ActionItemFactory(
            club=world.club_a1, title="اقدام نزدیک", due_on=TODAY + dt.timedelta(days=3)
        )
        ActionItemFactory(
            club=world.club_a1, title="اقدام دور", due_on=TODAY + dt.timedelta(days=60)
        )
        ActionItemFactory(
            club=world.club_b1, title="اقدام دیگران", due_on=TODAY - dt.timedelta(days=2)
        )
        response = login(request.getfixturevalue(user_fixture)).get(HOME)
        home = response.context["club_home"]
        assert [c.pk for c in home.clubs] == [world.club_a1.pk]
        assert home.clubs[0].dormant
        assert [i.pk for i in home.overdue] == [late.pk]
        assert [i.pk for i in home.upcoming] == [soon.pk]
        page = response.content.decode()
        assert reverse("clubs:meeting_log", args=[world.club_a1.pk]) in page
        assert "ثبت جلسه" in page
        assert 'data-testid="dormant-signal"' in page
        assert "اقدام دیگران" not in page

    @pytest.mark.parametrize("user_fixture", ["ministry_admin", "staff_a", "county_secretariat"])
    def test_other_roles_keep_their_home(self, request, login, world, user_fixture):
        response = login(request.getfixturevalue(user_fixture)).get(HOME)
        assert response.context["club_home"] is None
        assert 'data-testid="my-clubs"' not in response.content.decode()

    def test_member_and_month_counts_for_everyone(
        self, login, world, staff_a, staff_b, facilitator
    ):
        MembershipFactory(club=world.club_a1)
        MembershipFactory(club=world.club_a2)
        gone = MembershipFactory(club=world.club_a2)
        gone.left_on = TODAY
        gone.save()
        MembershipFactory(club=world.club_b1)
        MeetingFactory(club=world.club_a1, held_on=TODAY)
        MeetingFactory(club=world.club_a1, held_on=TODAY - dt.timedelta(days=400))

        def stats(user):
            return {s.key: s.value for s in login(user).get(HOME).context["stats"]}

        assert (stats(staff_a)["members"], stats(staff_a)["meetings_month"]) == (2, 1)
        assert (stats(staff_b)["members"], stats(staff_b)["meetings_month"]) == (1, 0)
        assert (stats(facilitator)["members"], stats(facilitator)["meetings_month"]) == (1, 1)

    def test_facilitator_home_query_budget(
        self, login, world, facilitator, django_assert_max_num_queries
    ):
        """The home page gathers every app's panel for a facilitator; its query count
        stays the same however many items and members the clubs have."""
        client = login(facilitator)
        client.get(HOME)
        with django_assert_max_num_queries(22) as few:
            client.get(HOME)
        for _ in range(30):
            ActionItemFactory(club=world.club_a1, due_on=TODAY - dt.timedelta(days=1))
            MembershipFactory(club=world.club_a1)
        with django_assert_max_num_queries(22) as many:
            assert client.get(HOME).status_code == 200
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_navigation_has_the_club_pages(self, login, world, facilitator, ministry_admin):
        urls = {item["url"] for item in login(facilitator).get(HOME).context["nav_items"]}
        assert {
            reverse("clubs:club_list"),
            reverse("clubs:action_list"),
            reverse("clubs:data_hub"),
        } <= urls
        urls = {item["url"] for item in login(ministry_admin).get(HOME).context["nav_items"]}
        assert reverse("clubs:club_list") in urls and reverse("clubs:data_hub") not in urls
