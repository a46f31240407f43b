"""Summary figures equal those computed directly from raw data; an incremental
refresh gives exactly what a full rebuild gives; roll-ups add up."""

import datetime as dt

import pytest
from django.db.models import Q, Sum
from django.utils import timezone

from clubs.models import (
    ActionItem,
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    ThematicGroup,
)
from core.periods import JalaliMonth
from reports.models import (
    ClubMonthSummary,
    CountyMonthSummary,
    NationMonthSummary,
    ProvinceMonthSummary,
    UniversityMonthSummary,
)
from reports.services import (
    summaries_rebuild,
    summaries_refresh_months,
    summary_refresh_club_from,
    summary_refresh_club_month,
)
from tests.reports import factories as rf
from tests.reports.conftest import MONTHS

FIELDS = [
    "clubs",
    "clubs_forming",
    "clubs_active",
    "clubs_dormant",
    "clubs_closed",
    "clubs_inactive",
    "clubs_opened",
    "meetings",
    "meetings_orientation",
    "meetings_club",
    "meetings_thematic_group",
    "meetings_training",
    "meetings_forum",
    "attendance_members_female",
    "attendance_members_male",
    "attendance_guests_female",
    "attendance_guests_male",
    "members_female",
    "members_male",
    "members_new",
    "members_left",
    "groups_active",
    "actions_open",
    "actions_overdue",
]


def status_at(club: Club, day: dt.date) -> str:
    records = [
        r
        for r in club.history.order_by("history_date")
        if timezone.localdate(r.history_date) <= day
    ]
    return records[-1].status if records else club.history.earliest("history_date").status


def direct(club: Club, month: JalaliMonth, today: dt.date) -> dict:
    """The figures of one club-month, computed the obvious way from raw rows."""
    start, end = month.start, min(month.end, today)
    meetings = Meeting.objects.filter(club=club, held_on__range=(start, end))
    sums = meetings.aggregate(
        mf=Sum("members_female"),
        mm=Sum("members_male"),
        gf=Sum("guests_female"),
        gm=Sum("guests_male"),
    )
    current = Membership.objects.filter(club=club, joined_on__lte=end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=end)
    )
    items = (
        ActionItem.objects.filter(club=club)
        .exclude(status=ActionStatus.CANCELLED)
        .filter(created_at__date__lte=end)
        .filter(~Q(status=ActionStatus.DONE) | Q(done_on__gt=end))
    )
    status = status_at(club, end)
    last = Meeting.objects.filter(club=club, held_on__lte=end).order_by("-held_on").first()
    reference = (last.held_on if last else None) or club.opened_on or club.founded_on
    return {
        "clubs": 1,
        "clubs_forming": int(status == ClubStatus.FORMING),
        "clubs_active": int(status == ClubStatus.ACTIVE),
        "clubs_dormant": int(status == ClubStatus.DORMANT),
        "clubs_closed": int(status == ClubStatus.CLOSED),
        "clubs_inactive": int(
            status == ClubStatus.ACTIVE and reference is not None and (end - reference).days > 60
        ),
        "clubs_opened": int(club.opened_on is not None and start <= club.opened_on <= end),
        "meetings": meetings.count(),
        **{f"meetings_{k}": meetings.filter(kind=k).count() for k in MeetingKind.values},
        "attendance_members_female": sums["mf"] or 0,
        "attendance_members_male": sums["mm"] or 0,
        "attendance_guests_female": sums["gf"] or 0,
        "attendance_guests_male": sums["gm"] or 0,
        "members_female": current.filter(person__gender=Gender.FEMALE).count(),
        "members_male": current.filter(person__gender=Gender.MALE).count(),
        "members_new": Membership.objects.filter(club=club, joined_on__range=(start, end)).count(),
        "members_left": Membership.objects.filter(club=club, left_on__range=(start, end)).count(),
        "groups_active": ThematicGroup.objects.filter(club=club, formed_on__lte=end)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))
        .count(),
        "actions_open": items.count(),
        "actions_overdue": items.filter(due_on__lt=end).count(),
    }


def stored(row) -> dict:
    return {name: getattr(row, name) for name in FIELDS}


@pytest.mark.django_db
class TestClubFigures:
    def test_every_club_month_equals_the_raw_data(self, activity, today):
        summaries_rebuild(today=today)
        clubs = [activity.club_a1, activity.club_a2, activity.club_b1]
        for club in clubs:
            for month in MONTHS:
                row = ClubMonthSummary.objects.get(club=club, month=month.key)
                assert stored(row) == direct(club, month, today), (club.name, month.key)

    def test_known_values_at_month_boundaries(self, activity, today):
        summaries_rebuild(today=today)
        a1 = {r.month: r for r in ClubMonthSummary.objects.filter(club=activity.club_a1)}
        # Esfand 1402 (common year, 29 days): the meetings of its first and last day.
        assert a1["1402-12"].meetings == 2
        assert a1["1402-12"].meetings_orientation == 1
        # Nowruz and the last day of Farvardin belong to Farvardin.
        assert a1["1403-01"].meetings == 2
        assert a1["1403-01"].meetings_training == 1
        assert a1["1403-02"].meetings_forum == 1
        assert a1["1403-03"].meetings == 1  # today's meeting counts
        # The member who left on the last day of Esfand is gone at its end.
        assert (a1["1402-12"].members_female, a1["1402-12"].members_male) == (1, 1)
        assert a1["1402-12"].members_new == 2 and a1["1402-12"].members_left == 1
        assert a1["1403-01"].members_male == 2
        assert a1["1403-02"].members_male == 1  # left in Ordibehesht
        assert a1["1403-03"].members_female == 2  # joined today
        # Groups: one dissolved on the last day of Farvardin.
        assert [a1[k].groups_active for k in ("1402-11", "1402-12", "1403-01", "1403-02")] == [
            1,
            2,
            1,
            1,
        ]
        # Items: the first overdue in Bahman and done in Esfand; the second overdue since
        # 1402/12/21; the cancelled one never counted.
        assert (a1["1402-11"].actions_open, a1["1402-11"].actions_overdue) == (1, 1)
        assert (a1["1402-12"].actions_open, a1["1402-12"].actions_overdue) == (1, 1)
        assert (a1["1403-01"].actions_open, a1["1403-01"].actions_overdue) == (2, 1)
        assert a1["1402-11"].clubs_opened == 1

    def test_status_follows_the_history(self, activity, today):
        summaries_rebuild(today=today)
        b1 = {r.month: r.status for r in ClubMonthSummary.objects.filter(club=activity.club_b1)}
        assert b1["1402-12"] == ClubStatus.ACTIVE
        assert b1["1403-01"] == ClubStatus.FORMING  # changed on 1403/01/22

    def test_no_rows_before_a_club_exists(self, activity, today):
        summaries_rebuild(today=today)
        assert not ClubMonthSummary.objects.filter(club=activity.club_a1, month="1402-10").exists()
        # Club A2 had a member from Azar 1402, so it is counted from then on.
        assert ClubMonthSummary.objects.filter(club=activity.club_a2, month="1402-09").exists()


@pytest.mark.django_db
class TestRollups:
    def test_each_level_sums_its_clubs(self, activity, today):
        summaries_rebuild(today=today)
        for month in MONTHS:
            clubs = ClubMonthSummary.objects.filter(month=month.key)
            nation = NationMonthSummary.objects.get(month=month.key)
            for name in FIELDS:
                assert getattr(nation, name) == sum(getattr(r, name) for r in clubs), name
            county = CountyMonthSummary.objects.get(month=month.key, county=activity.county_a1)
            assert county.meetings == sum(
                r.meetings for r in clubs if r.county_id == activity.county_a1.pk
            )
            university = UniversityMonthSummary.objects.get(
                month=month.key, university=activity.university_a
            )
            assert university.members_female == sum(
                r.members_female for r in clubs if r.university_id == activity.university_a.pk
            )
            province = ProvinceMonthSummary.objects.get(
                month=month.key, province=activity.province_2
            )
            assert province.clubs == sum(
                r.clubs for r in clubs if r.province_id == activity.province_2.pk
            )


def snapshot() -> dict:
    tables = {
        "club": (ClubMonthSummary, "club_id"),
        "county": (CountyMonthSummary, "county_id"),
        "university": (UniversityMonthSummary, "university_id"),
        "province": (ProvinceMonthSummary, "province_id"),
        "nation": (NationMonthSummary, None),
    }
    out = {}
    for label, (model, place) in tables.items():
        for row in model.objects.all():
            key = (label, row.month, getattr(row, place) if place else None)
            out[key] = (stored(row), row.extra)
    return out


@pytest.mark.django_db
class TestIncremental:
    def test_refresh_after_changes_equals_rebuild(self, activity, today):
        summaries_rebuild(today=today)
        a1 = activity.club_a1
        # Changes in the past: a meeting in Esfand, a member leaving in Farvardin.
        rf.MeetingFactory(club=a1, held_on=dt.date(2024, 3, 1), kind=MeetingKind.TRAINING)
        membership = Membership.objects.filter(club=a1, left_on__isnull=True).first()
        membership.left_on = dt.date(2024, 4, 2)
        membership.save()
        summary_refresh_club_from(club_id=a1.pk, month=JalaliMonth(1402, 12), today=today)
        incremental = snapshot()
        summaries_rebuild(today=today)
        assert incremental == snapshot()

    def test_refresh_of_one_club_month(self, activity, today):
        summaries_rebuild(today=today)
        rf.MeetingFactory(club=activity.club_b1, held_on=dt.date(2024, 5, 1))
        summary_refresh_club_month(
            club_id=activity.club_b1.pk, month=JalaliMonth(1403, 2), today=today
        )
        assert ClubMonthSummary.objects.get(club=activity.club_b1, month="1403-02").meetings == 1
        assert NationMonthSummary.objects.get(month="1403-02").meetings == 3
        before = snapshot()
        summaries_rebuild(today=today)
        assert before == snapshot()

    def test_refresh_of_all_clubs_for_recent_months_equals_rebuild(self, activity, today):
        summaries_rebuild(today=today)
        rf.MeetingFactory(club=activity.club_a2, held_on=dt.date(2024, 6, 1))
        rf.MembershipFactory(club=activity.club_b1, joined_on=dt.date(2024, 5, 30))
        summaries_refresh_months(months=[JalaliMonth(1403, 2), JalaliMonth(1403, 3)], today=today)
        refreshed = snapshot()
        summaries_rebuild(today=today)
        assert refreshed == snapshot()

    def test_a_new_club_appears_in_the_rollups(self, activity, today):
        summaries_rebuild(today=today)
        club = rf.ClubFactory(neighborhood=activity.neighborhood_b1, name="کانون تازه")
        rf.MeetingFactory(club=club, held_on=dt.date(2024, 6, 10))
        summary_refresh_club_from(club_id=club.pk, month=JalaliMonth(1403, 3), today=today)
        assert CountyMonthSummary.objects.get(county=activity.county_b1, month="1403-03").clubs == 2
        incremental = snapshot()
        summaries_rebuild(today=today)
        assert incremental == snapshot()


@pytest.mark.django_db
class TestTouch:
    def test_touch_refreshes_on_commit_from_that_month_on(
        self, activity, today, django_capture_on_commit_callbacks
    ):
        from reports.services import summary_touch

        summaries_rebuild(today=today)
        a2 = activity.club_a2
        rf.MeetingFactory(club=a2, held_on=dt.date(2024, 5, 1))
        Membership.objects.filter(club=a2, left_on__isnull=True).update(left_on=dt.date(2024, 5, 2))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            summary_touch(club_id=a2.pk, on=dt.date(2024, 5, 1))
        assert ClubMonthSummary.objects.get(club=a2, month="1403-02").meetings == 0
        assert len(callbacks) == 1  # nothing runs before the commit
        callbacks[0]()
        rows = {r.month: r for r in ClubMonthSummary.objects.filter(club=a2)}
        assert rows["1403-02"].meetings == 1
        assert rows["1403-03"].members_male == 0  # the stock of every later month moved
        assert rows["1403-01"].members_male == 1  # earlier months untouched
        assert (
            CountyMonthSummary.objects.get(county=activity.county_a2, month="1403-02").meetings == 1
        )

    def test_rebuild_command(self, activity, today):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("rebuild_summaries", today="1403/03/26", stdout=out)
        assert "summaries rebuilt" in out.getvalue()
        assert ClubMonthSummary.objects.filter(month="1403-03").count() == 3


@pytest.mark.django_db
class TestBulkWrites:
    def test_copy_path_gives_the_same_rows(self, activity, today, monkeypatch):
        """On PostgreSQL large writes go by COPY (small ones by bulk_create): force
        COPY for every write and compare with the bulk_create result."""
        from reports import bulk

        summaries_rebuild(today=today)
        expected = snapshot()
        monkeypatch.setattr(bulk, "COPY_FROM", 1)
        summaries_rebuild(today=today)
        assert snapshot() == expected
        rf.MeetingFactory(club=activity.club_a1, held_on=dt.date(2024, 5, 10))
        summary_refresh_club_from(
            club_id=activity.club_a1.pk, month=JalaliMonth(1403, 2), today=today
        )
        refreshed = snapshot()
        monkeypatch.setattr(bulk, "COPY_FROM", 10**9)
        summaries_rebuild(today=today)
        assert snapshot() == refreshed
