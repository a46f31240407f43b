"""Issues resolved locally, as an indicator of the surveys app, over hand-counted
fixtures and Jalali months."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from clubs.models import Club
from core.periods import JalaliMonth
from forums import services
from forums.models import Issue, IssueEvent
from surveys.indicators import REGISTRY
from tests.forums.factories import raise_issue

FARVARDIN = JalaliMonth(1403, 1)
ORDIBEHESHT = JalaliMonth(1403, 2)


def at(day: dt.date, hour: int = 10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def move(issue, when):
    """Put the issue's resolution and its events on the given day."""
    Issue.objects.filter(pk=issue.pk, resolved_at__isnull=False).update(resolved_at=when)
    IssueEvent.objects.filter(issue=issue).update(at=when)


@pytest.mark.django_db
def test_issues_resolved_locally_per_month_and_region(
    chain, world, facilitator, facilitator_a2, county_secretariat
):
    compute = REGISTRY["issues_resolved_locally"].function
    assert compute is not None

    # Neighborhood A1: two resolved there in Farvardin, one referred up in Farvardin
    # (then resolved by the county: not local), one resolved there in Ordibehesht.
    for _ in range(2):
        issue = raise_issue(chain.nb_a1, facilitator)
        services.issue_resolve(issue=issue, by=facilitator, resolution="حل شد")
        move(issue, at(FARVARDIN.start))  # 1 Farvardin, the Nowruz boundary
    referred = raise_issue(chain.nb_a1, facilitator)
    services.issue_refer_up(issue=referred, by=facilitator, reason="بیرون از توان محله")
    services.issue_resolve(issue=referred, by=county_secretariat, resolution="شهرستان حل کرد")
    move(referred, at(FARVARDIN.end, 23))
    later = raise_issue(chain.nb_a1, facilitator)
    services.issue_resolve(issue=later, by=facilitator, resolution="حل شد")
    move(later, at(ORDIBEHESHT.start))
    # Neighborhood A2 (same university and province, other county): one referred.
    other = raise_issue(chain.nb_a2, facilitator_a2)
    services.issue_refer_up(issue=other, by=facilitator_a2, reason="x")
    move(other, at(FARVARDIN.start + dt.timedelta(days=3)))
    # The day before Nowruz belongs to Esfand 1402 and is not counted.
    old = raise_issue(chain.nb_a1, facilitator)
    services.issue_resolve(issue=old, by=facilitator, resolution="حل شد")
    move(old, at(FARVARDIN.start - dt.timedelta(days=1)))

    clubs = Club.objects.all()
    periods = [FARVARDIN, ORDIBEHESHT]
    national = compute(clubs, periods, None)
    assert national[(None, "1403-01")] == (Decimal(2), Decimal(4))
    assert national[(None, "1403-02")] == (Decimal(1), Decimal(1))

    by_county = compute(clubs, periods, "county")
    assert by_county[(world.county_a1.pk, "1403-01")] == (Decimal(2), Decimal(3))
    assert by_county[(world.county_a2.pk, "1403-01")] == (Decimal(0), Decimal(1))

    by_club = compute(clubs, periods, "club")
    assert by_club[(world.club_a1.pk, "1403-01")] == (Decimal(2), Decimal(3))
    assert (world.club_b1.pk, "1403-01") not in by_club

    # Scoped: only the clubs given are counted.
    only_a2 = compute(Club.objects.filter(pk=world.club_a2.pk), periods, None)
    assert only_a2[(None, "1403-01")] == (Decimal(0), Decimal(1))
