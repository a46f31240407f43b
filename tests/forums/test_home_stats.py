"""The forum counts on the home page, per role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Issue
from tests.forums.factories import raise_issue


def forum_stats(response):
    return {s.key: s.value for s in response.context["stats"] if s.key.startswith("forum")}


@pytest.mark.django_db
def test_home_shows_forums_waiting_and_overdue(
    client, chain, facilitator, county_secretariat, ministry_admin, staff_a
):
    waiting = services.issue_refer_up(
        issue=raise_issue(chain.nb_a1, facilitator), by=facilitator, reason="x"
    )
    late = services.issue_refer_up(
        issue=raise_issue(chain.nb_a1, facilitator), by=facilitator, reason="x"
    )
    Issue.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    assert waiting.pk != late.pk
    client.force_login(county_secretariat)
    assert forum_stats(client.get(reverse("home"))) == {
        "forums": 2,
        "forum_inbox": 2,
        "forum_overdue": 1,
    }
    client.force_login(ministry_admin)
    assert forum_stats(client.get(reverse("home"))) == {
        "forums": 10,
        "forum_inbox": 0,
        "forum_overdue": 1,
    }
    client.force_login(staff_a)  # reads, runs no forum: no inbox
    assert forum_stats(client.get(reverse("home"))) == {"forums": 4, "forum_overdue": 1}
    client.force_login(facilitator)
    response = client.get(reverse("home"))
    assert forum_stats(response) == {"forums": 1, "forum_inbox": 0, "forum_overdue": 1}
    assert reverse("forums:forum_list") in {item["url"] for item in response.context["nav_items"]}
