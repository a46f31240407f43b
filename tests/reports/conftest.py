"""Raw clubs data over several Jalali months for the reports tests.

Today is fixed at 1403/03/26 (2024-06-15). The data crosses Esfand 1402 (a common
year: 29 days) into Farvardin 1403, with meetings on the first and last day of
months, members who left, groups dissolved, and action items done, open and overdue.
"""

import datetime as dt

import pytest
from django.utils import timezone

from clubs.models import ActionStatus, Club, ClubStatus, Gender, MeetingKind
from core.periods import JalaliMonth
from tests.reports import factories as rf

TODAY = dt.date(2024, 6, 15)  # 1403/03/26
MONTHS = [JalaliMonth(1402, 11), JalaliMonth(1402, 12)] + [JalaliMonth(1403, m) for m in (1, 2, 3)]


def aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def activity(world):
    """Meetings, members, groups and action items in the world's three clubs."""
    a1, a2, b1 = world.club_a1, world.club_a2, world.club_b1
    for club, opened in ((a1, dt.date(2024, 1, 25)), (a2, dt.date(2024, 3, 20)), (b1, None)):
        club.opened_on = opened
        club.founded_on = dt.date(2024, 1, 21)  # 1402/11/01
        club.save()
    b1.status = ClubStatus.FORMING
    b1.save()
    # The status history (simple_history): every club recorded on 1402/11/01, club B1
    # set back to "forming" on 1403/01/22.
    history = Club.history.model.objects
    history.update(history_date=aware(dt.date(2024, 1, 21)))
    latest = history.filter(id=b1.pk).order_by("-history_id").first()
    history.filter(pk=latest.pk).update(history_date=aware(dt.date(2024, 4, 10)))

    # Esfand 1402 is 2024-02-20 … 2024-03-19; Farvardin 1403 is 2024-03-20 … 2024-04-19.
    for day, kind in [
        (dt.date(2024, 2, 20), MeetingKind.ORIENTATION),  # first day of Esfand
        (dt.date(2024, 3, 19), MeetingKind.CLUB),  # last day of Esfand (common year)
        (dt.date(2024, 3, 20), MeetingKind.CLUB),  # Nowruz 1403
        (dt.date(2024, 4, 19), MeetingKind.TRAINING),  # last day of Farvardin
        (dt.date(2024, 4, 20), MeetingKind.FORUM),  # first day of Ordibehesht
        (dt.date(2024, 6, 15), MeetingKind.CLUB),  # today
    ]:
        rf.MeetingFactory(club=a1, held_on=day, kind=kind)
    rf.MeetingFactory(
        club=a2, held_on=dt.date(2024, 3, 25), members_female=7, members_male=0, guests_male=4
    )
    group = rf.GroupFactory(club=a1, formed_on=dt.date(2024, 2, 1))
    rf.MeetingFactory(
        club=a1, held_on=dt.date(2024, 5, 5), kind=MeetingKind.THEMATIC_GROUP, group=group
    )
    rf.GroupFactory(club=a1, formed_on=dt.date(2024, 3, 1), dissolved_on=dt.date(2024, 4, 19))
    rf.GroupFactory(club=b1, formed_on=dt.date(2024, 5, 1))

    members = [
        (a1, Gender.FEMALE, dt.date(2024, 1, 21), None),
        (a1, Gender.FEMALE, dt.date(2024, 2, 20), dt.date(2024, 3, 19)),  # left last day
        (a1, Gender.MALE, dt.date(2024, 3, 19), None),
        (a1, Gender.MALE, dt.date(2024, 3, 20), dt.date(2024, 5, 1)),
        (a1, Gender.FEMALE, dt.date(2024, 6, 15), None),  # joined today
        (a2, Gender.MALE, dt.date(2024, 3, 20), None),
        (a2, Gender.FEMALE, dt.date(2023, 12, 1), dt.date(2024, 1, 30)),  # left in Bahman
        (b1, Gender.FEMALE, dt.date(2024, 4, 1), None),
    ]
    for club, gender, joined, left in members:
        rf.MembershipFactory(
            club=club, person=rf.PersonFactory(gender=gender), joined_on=joined, left_on=left
        )

    items = [
        (a1, dt.date(2024, 2, 1), dt.date(2024, 2, 15), ActionStatus.DONE, dt.date(2024, 3, 1)),
        (a1, dt.date(2024, 3, 1), dt.date(2024, 3, 10), ActionStatus.OPEN, None),
        (a1, dt.date(2024, 4, 1), dt.date(2024, 7, 1), ActionStatus.IN_PROGRESS, None),
        (a1, dt.date(2024, 4, 1), dt.date(2024, 4, 5), ActionStatus.CANCELLED, None),
        (a2, dt.date(2024, 3, 20), dt.date(2024, 4, 19), ActionStatus.DONE, dt.date(2024, 4, 20)),
    ]
    for club, created, due, status, done in items:
        rf.ActionItemFactory(club=club, created_on=created, due_on=due, status=status, done_on=done)
    return world
