"""What other parts of the portal ask the forums app."""

import datetime as dt

import pytest
from django.utils import timezone

from forums import services
from forums.selectors import home_counts, neighborhood_forum_sessions
from tests import factories as f
from tests.forums.factories import ForumSessionFactory, raise_issue


@pytest.mark.django_db
def test_neighborhood_forum_sessions_per_club(world, chain, django_assert_num_queries):
    today = timezone.localdate()
    since = today - dt.timedelta(days=90)
    ForumSessionFactory(forum=chain.nb_a1, held_on=today - dt.timedelta(days=10))
    ForumSessionFactory(forum=chain.nb_a1, held_on=today - dt.timedelta(days=40))
    ForumSessionFactory(forum=chain.nb_a1, held_on=today - dt.timedelta(days=200))  # too old
    ForumSessionFactory(forum=chain.county_a1, held_on=today)  # not a neighborhood forum
    second_club = f.ClubFactory(neighborhood=world.neighborhood_a1, name="کانون دوم")
    no_forum = f.ClubFactory()
    clubs = [world.club_a1.pk, second_club.pk, world.club_b1.pk, no_forum.pk]
    with django_assert_num_queries(2):
        result = neighborhood_forum_sessions(clubs, since)
    assert result[world.club_a1.pk].sessions == 2
    assert result[world.club_a1.pk].last_held_on == today - dt.timedelta(days=10)
    assert result[second_club.pk].sessions == 2  # same neighborhood, same forum
    assert result[world.club_b1.pk].sessions == 0 and not result[world.club_b1.pk].has_met
    assert result[no_forum.pk].forum_id is None and result[no_forum.pk].sessions == 0


@pytest.mark.django_db
def test_home_counts(chain, facilitator, county_secretariat, ministry_admin):
    issue = raise_issue(chain.nb_a1, facilitator)
    services.issue_refer_up(issue=issue, by=facilitator, reason="x")
    assert home_counts(county_secretariat) == {
        "forums": 2,
        "runs_forums": 1,
        "waiting": 1,
        "overdue": 0,
    }
    assert home_counts(facilitator)["waiting"] == 0
    later = timezone.localdate() + dt.timedelta(days=60)
    assert home_counts(ministry_admin, today=later)["overdue"] == 1
