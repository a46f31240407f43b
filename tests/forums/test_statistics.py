"""Statistics against a hand-counted set of issues, in a constant number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from forums import services
from forums.models import Issue
from forums.selectors import issue_statistics
from tests.forums.factories import raise_issue


def ago(days):
    return timezone.localdate() - dt.timedelta(days=days)


@pytest.fixture
def issues(
    chain,
    topic,
    other_topic,
    facilitator,
    facilitator_a2,
    county_secretariat,
    county_a2_secretariat,
    province_secretariat,
):
    A, B = topic, other_topic
    n1, n2, c1 = chain.nb_a1, chain.nb_a2, chain.county_a1

    def resolve(issue, by):
        return services.issue_resolve(issue=issue, by=by, resolution="حل شد")

    def refer(issue, by):
        return services.issue_refer_up(issue=issue, by=by, reason="ارجاع")

    resolve(raise_issue(n1, facilitator, category=A, raised_on=ago(10)), facilitator)  # 1
    resolve(raise_issue(n1, facilitator, category=A, raised_on=ago(4)), facilitator)  # 2
    third = refer(raise_issue(n1, facilitator, category=B, raised_on=ago(20)), facilitator)  # 3
    resolve(third, county_secretariat)
    raise_issue(n2, facilitator_a2, category=B, raised_on=ago(6))  # 4 open
    fifth = refer(raise_issue(n2, facilitator_a2, category=A, raised_on=ago(30)), facilitator_a2)
    fifth = refer(fifth, county_a2_secretariat)
    resolve(fifth, province_secretariat)  # 5
    refer(
        raise_issue(c1, county_secretariat, category=A, raised_on=ago(2)), county_secretariat
    )  # 6
    seventh = refer(
        raise_issue(c1, county_secretariat, category=A, raised_on=ago(8)), county_secretariat
    )
    Issue.objects.filter(pk=seventh.pk).update(due_on=ago(1))  # 7 overdue
    merged = [
        refer(raise_issue(n1, facilitator, category=A, raised_on=ago(12)), facilitator)  # 8, 9
        for _ in range(2)
    ]
    rollup = services.issue_merge(forum=c1, by=county_secretariat, issues=merged, title="ادغامی")
    resolve(rollup, county_secretariat)


@pytest.mark.django_db
def test_statistics_match_hand_counts(issues, ministry_admin, django_assert_num_queries):
    scope = Issue.objects.for_user(ministry_admin)
    with django_assert_num_queries(4):
        stats = issue_statistics(scope)
    assert (stats.total, stats.open, stats.resolved, stats.overdue) == (9, 3, 6, 1)
    assert (stats.resolved_locally, stats.resolved_after_referral, stats.referred) == (2, 4, 6)
    assert stats.local_share == pytest.approx(2 / 6)
    assert stats.referred_share == pytest.approx(6 / 9)
    assert stats.median_days == 12
    by_level = {row.level: (row.raised, row.resolved, row.median_days) for row in stats.by_level}
    assert by_level == {
        "neighborhood": (7, 2, 7.0),
        "county": (2, 3, 12.0),
        "province": (0, 1, 30.0),
        "national": (0, 0, None),
        "supreme": (0, 0, None),
    }
    by_category = {
        row.name: (row.raised, row.resolved, row.resolved_locally, row.referred, row.median_days)
        for row in stats.by_category
    }
    assert by_category == {
        "پیشگیری از اعتیاد": (7, 5, 2, 5, 12.0),
        "تغذیه": (2, 1, 0, 1, 20.0),
    }


@pytest.mark.django_db
def test_statistics_follow_the_scope(issues, staff_b, facilitator_a2):
    assert issue_statistics(Issue.objects.for_user(staff_b)).total == 0
    mine = issue_statistics(Issue.objects.for_user(facilitator_a2))
    assert (mine.total, mine.open, mine.resolved) == (2, 1, 1)
    assert mine.median_days == 30


@pytest.mark.django_db
def test_empty_statistics(db):
    stats = issue_statistics(Issue.objects.all())
    assert stats.total == 0 and stats.median_days is None and stats.local_share is None
