"""Evidence rules propose activities as done from the portal's data; the sync never
downgrades a verified item and never overrides a person's "not applicable"."""

import datetime as dt

import pytest

from clubs.models import MeetingKind, OfficerRole
from clubs.rollout import tasks
from clubs.rollout.models import (
    ActivityEvidence,
    ActivityProgress,
    ClubRollout,
    EvidenceKind,
    ProgressEvent,
    ProgressEventKind,
    ProgressStatus,
    StrategySummary,
)
from clubs.rollout.rules import RULES
from clubs.rollout.services import progress_send_back, rollout_sync_club
from core import jalali
from core.periods import JalaliMonth

from .conftest import set_status
from .factories import MeetingFactory, OfficerTermFactory, ThematicGroupFactory

pytestmark = pytest.mark.django_db

TODAY = jalali.parse_date("1403/06/20")


def progress(club, code):
    return ActivityProgress.objects.get(
        club=club, activity__code=code, activity__strategy__phase__version__number=1
    )


def test_every_rule_key_of_the_template_is_registered(v1):
    from clubs.rollout.models import Activity

    keys = set(Activity.objects.exclude(evidence_rule="").values_list("evidence_rule", flat=True))
    assert keys <= set(RULES)


class TestOfficers:
    def test_secretary_and_deputy_propose_done_with_evidence(self, world):
        club = world.club_a1
        secretary = OfficerTermFactory(club=club, role=OfficerRole.SECRETARY)
        deputy = OfficerTermFactory(club=club, role=OfficerRole.DEPUTY)
        result = rollout_sync_club(club.pk, today=TODAY)
        assert result.proposed == ["s05-a01"]
        item = progress(club, "s05-a01")
        assert item.status == ProgressStatus.DONE  # proposed, still waiting for verification
        assert item.proposed_by_rule == "officers_elected"
        assert item.completed_on == deputy.elected_on
        links = set(
            item.evidence.filter(kind=EvidenceKind.OFFICER_TERM).values_list(
                "officer_term", flat=True
            )
        )
        assert links == {secretary.pk, deputy.pk}
        event = item.events.get(kind=ProgressEventKind.PROPOSED)
        assert event.actor is None
        assert (event.old_status, event.new_status) == ("not_started", "done")

    def test_secretary_alone_is_not_enough(self, world):
        OfficerTermFactory(club=world.club_a1, role=OfficerRole.SECRETARY)
        OfficerTermFactory(
            club=world.club_a1, role=OfficerRole.DEPUTY, ended_on=dt.date(2024, 5, 1)
        )
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []
        assert progress(world.club_a1, "s05-a01").status == ProgressStatus.NOT_STARTED

    def test_another_clubs_officers_do_not_count(self, world):
        OfficerTermFactory(club=world.club_a2, role=OfficerRole.SECRETARY)
        OfficerTermFactory(club=world.club_a2, role=OfficerRole.DEPUTY)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []


class TestOpening:
    def test_opened_on_proposes_opening(self, world):
        club = world.club_a1
        club.opened_on = dt.date(2024, 6, 1)
        club.save()
        assert rollout_sync_club(club.pk, today=TODAY).proposed == ["s04-a03"]
        item = progress(club, "s04-a03")
        assert item.completed_on == dt.date(2024, 6, 1)
        assert "۱۴۰۳/۰۳/۱۲" in item.events.get(kind=ProgressEventKind.PROPOSED).comment

    def test_future_opening_does_not(self, world):
        club = world.club_a1
        club.opened_on = TODAY + dt.timedelta(days=3)
        club.save()
        assert rollout_sync_club(club.pk, today=TODAY).proposed == []


class TestGroupsAndOrientation:
    def test_active_group(self, world):
        group = ThematicGroupFactory(club=world.club_a1)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == ["s05-a02"]
        item = progress(world.club_a1, "s05-a02")
        assert list(item.evidence.values_list("thematic_group", flat=True)) == [group.pk]

    def test_dissolved_group_does_not_count(self, world):
        ThematicGroupFactory(club=world.club_a1, dissolved_on=dt.date(2024, 6, 1))
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []

    def test_orientation_meeting(self, world):
        MeetingFactory(club=world.club_a1, kind=MeetingKind.CLUB)
        meeting = MeetingFactory(club=world.club_a1, kind=MeetingKind.ORIENTATION)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == ["s04-a01"]
        item = progress(world.club_a1, "s04-a01")
        assert item.evidence.get().meeting == meeting


class TestForum:
    def forum_in(self, club, *months: JalaliMonth, day: int = 10):
        for month in months:
            MeetingFactory(
                club=club,
                kind=MeetingKind.FORUM,
                held_on=month.start.replace() + dt.timedelta(days=day - 1),
            )

    def test_three_complete_months_before_this_one(self, world):
        this = JalaliMonth.of(TODAY)  # Shahrivar 1403
        m1, m2, m3 = (
            this.previous(),
            this.previous().previous(),
            this.previous().previous().previous(),
        )
        self.forum_in(world.club_a1, m3, m2, m1)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == ["s05-a03"]
        item = progress(world.club_a1, "s05-a03")
        assert item.evidence.count() == 3

    def test_this_month_and_the_two_before(self, world):
        this = JalaliMonth.of(TODAY)
        self.forum_in(world.club_a1, this.previous().previous(), this.previous(), this)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == ["s05-a03"]

    def test_a_missing_month_is_not_regular(self, world):
        this = JalaliMonth.of(TODAY)
        # three sessions, but Tir (the month before last) has none
        self.forum_in(world.club_a1, this.previous().previous().previous(), this.previous(), this)
        MeetingFactory(
            club=world.club_a1, kind=MeetingKind.FORUM, held_on=this.start + dt.timedelta(days=2)
        )
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []

    def test_club_meetings_are_not_forum_sessions(self, world):
        this = JalaliMonth.of(TODAY)
        for month in (this.previous().previous(), this.previous(), this):
            MeetingFactory(club=world.club_a1, kind=MeetingKind.CLUB, held_on=month.start)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []


def _satisfy_all(club):
    OfficerTermFactory(club=club, role=OfficerRole.SECRETARY)
    OfficerTermFactory(club=club, role=OfficerRole.DEPUTY)
    club.opened_on = dt.date(2024, 6, 1)
    club.save()


class TestSafety:
    def test_idempotent(self, world):
        _satisfy_all(world.club_a1)
        first = rollout_sync_club(world.club_a1.pk, today=TODAY)
        assert sorted(first.proposed) == ["s04-a03", "s05-a01"]
        counts = (
            ProgressEvent.objects.count(),
            ActivityEvidence.objects.count(),
            ActivityProgress.objects.count(),
        )
        second = rollout_sync_club(world.club_a1.pk, today=TODAY)
        assert second.proposed == []
        assert (
            ProgressEvent.objects.count(),
            ActivityEvidence.objects.count(),
            ActivityProgress.objects.count(),
        ) == counts
        assert ClubRollout.objects.filter(club=world.club_a1).count() == 1
        assert StrategySummary.objects.filter(club=world.club_a1).count() == 12

    def test_never_downgrades_verified(self, world):
        # Verified by the university although the portal shows nothing yet.
        set_status(world.club_a1, "s05-a01", ProgressStatus.VERIFIED)
        rollout_sync_club(world.club_a1.pk, today=TODAY)
        assert progress(world.club_a1, "s05-a01").status == ProgressStatus.VERIFIED
        _satisfy_all(world.club_a1)
        assert "s05-a01" not in rollout_sync_club(world.club_a1.pk, today=TODAY).proposed
        item = progress(world.club_a1, "s05-a01")
        assert item.status == ProgressStatus.VERIFIED
        assert not item.events.exists()

    def test_never_overrides_not_applicable(self, world):
        set_status(world.club_a1, "s04-a03", ProgressStatus.NOT_APPLICABLE)
        _satisfy_all(world.club_a1)
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == ["s05-a01"]
        item = progress(world.club_a1, "s04-a03")
        assert item.status == ProgressStatus.NOT_APPLICABLE
        assert item.not_applicable_reason

    def test_never_lowers_done_when_data_goes_away(self, world):
        _satisfy_all(world.club_a1)
        rollout_sync_club(world.club_a1.pk, today=TODAY)
        world.club_a1.officer_terms.update(ended_on=dt.date(2024, 8, 1))
        rollout_sync_club(world.club_a1.pk, today=TODAY)
        assert progress(world.club_a1, "s05-a01").status == ProgressStatus.DONE

    def test_sent_back_item_is_left_to_people(self, world, staff_a):
        _satisfy_all(world.club_a1)
        rollout_sync_club(world.club_a1.pk, today=TODAY)
        progress_send_back(
            progress=progress(world.club_a1, "s05-a01"), by=staff_a, comment="حکم انتخاب پیوست نیست"
        )
        assert rollout_sync_club(world.club_a1.pk, today=TODAY).proposed == []
        item = progress(world.club_a1, "s05-a01")
        assert item.status == ProgressStatus.IN_PROGRESS
        assert item.sent_back

    def test_in_progress_item_is_raised(self, world):
        set_status(world.club_a1, "s04-a03", ProgressStatus.IN_PROGRESS)
        _satisfy_all(world.club_a1)
        assert "s04-a03" in rollout_sync_club(world.club_a1.pk, today=TODAY).proposed


def test_daily_task_syncs_every_club(world):
    _satisfy_all(world.club_b1)
    assert tasks.sync_all_clubs.delay().get() == 3  # eager in tests
    assert ClubRollout.objects.count() == 3
    assert (
        ActivityProgress.objects.filter(club=world.club_b1, status=ProgressStatus.DONE).count() == 2
    )
    # and again: nothing changes
    events = ProgressEvent.objects.count()
    tasks.sync_all_clubs.delay()
    assert ProgressEvent.objects.count() == events


def test_queue_club_sync_runs_after_commit(world, django_capture_on_commit_callbacks):
    _satisfy_all(world.club_a1)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_club_sync(world.club_a1.pk)
        assert not ClubRollout.objects.filter(club=world.club_a1).exists()
    assert progress(world.club_a1, "s05-a01").status == ProgressStatus.DONE
