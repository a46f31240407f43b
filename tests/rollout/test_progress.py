"""Progress per strategy, per phase and overall; the current phase; edits, history
and template versioning, on hand-built fixtures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clubs.rollout import selectors
from clubs.rollout.models import (
    ALL_PHASES_COMPLETE,
    Activity,
    ActivityEvidence,
    ActivityProgress,
    ClubRollout,
    ProgressEventKind,
    ProgressStatus,
    StrategySummary,
    TemplateVersion,
)
from clubs.rollout.services import (
    club_rollout_move,
    evidence_link,
    progress_send_back,
    progress_update,
    progress_verify,
    rollout_ensure_club,
    rollout_refresh_summary,
    template_version_clone,
    template_version_publish,
)

from .conftest import complete_phases, set_status
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def rollout_of(club) -> ClubRollout:
    return ClubRollout.objects.get(club=club)


def summary(club, number) -> tuple[int, int, int]:
    s = StrategySummary.objects.get(club=club, strategy_number=number)
    return (s.applicable, s.done, s.verified)


class TestCurrentPhase:
    def test_fresh_club(self, world):
        rollout_refresh_summary(rollout_ensure_club(world.club_a1))
        r = rollout_of(world.club_a1)
        assert (r.current_phase, r.reported_phase) == (1, 1)
        assert (r.applicable_count, r.done_count, r.verified_count) == (44, 0, 0)
        assert r.done_share == 0

    def test_phase_one_verified(self, world):
        complete_phases(world.club_a1, 1)
        r = rollout_of(world.club_a1)
        assert (r.current_phase, r.reported_phase) == (2, 2)
        assert (r.done_count, r.verified_count) == (14, 14)

    def test_done_counts_only_for_the_reported_phase(self, world):
        complete_phases(world.club_a1, 1, status=ProgressStatus.DONE)
        r = rollout_of(world.club_a1)
        assert (r.current_phase, r.reported_phase) == (1, 2)
        assert r.waiting_count == 14

    def test_not_applicable_is_left_out(self, world):
        complete_phases(world.club_a1, 1)
        set_status(world.club_a1, "s03-a05", ProgressStatus.NOT_APPLICABLE)
        set_status(world.club_a1, "s04-a01", ProgressStatus.VERIFIED)
        set_status(world.club_a1, "s04-a02", ProgressStatus.VERIFIED)
        set_status(world.club_a1, "s04-a03", ProgressStatus.NOT_APPLICABLE)
        r = rollout_of(world.club_a1)
        assert r.applicable_count == 42
        assert r.current_phase == 2  # strategy 5 still open
        assert summary(world.club_a1, 3) == (4, 4, 4)
        assert summary(world.club_a1, 4) == (2, 2, 2)

    def test_mixed(self, world):
        complete_phases(world.club_a1, 2)
        complete_phases_3 = ActivityProgress.objects.filter(
            club=world.club_a1, activity__strategy__phase__number=3
        )
        complete_phases_3.update(status=ProgressStatus.DONE)
        rollout_refresh_summary(rollout_of(world.club_a1))
        r = rollout_of(world.club_a1)
        assert (r.current_phase, r.reported_phase) == (3, 4)
        assert (r.done_count, r.verified_count) == (30, 20)

    def test_everything_verified(self, world):
        complete_phases(world.club_a1, 4)
        r = rollout_of(world.club_a1)
        assert r.current_phase == r.reported_phase == ALL_PHASES_COMPLETE
        assert r.verified_share == 1

    def test_strategy_and_phase_progress(self, world):
        set_status(world.club_a1, "s02-a01", ProgressStatus.DONE)
        set_status(world.club_a1, "s02-a02", ProgressStatus.DONE)
        set_status(world.club_a1, "s02-a03", ProgressStatus.VERIFIED)
        set_status(world.club_a1, "s02-a04", ProgressStatus.NOT_APPLICABLE)
        set_status(world.club_a1, "s02-a05", ProgressStatus.IN_PROGRESS)
        assert summary(world.club_a1, 2) == (5, 3, 1)
        checklist = selectors.club_checklist(rollout_of(world.club_a1))
        phase1 = checklist.phases[0]
        assert [s.strategy.number for s in phase1.strategies] == [1, 2, 3]
        strategy2 = phase1.strategies[1]
        assert (strategy2.applicable, strategy2.done, strategy2.verified) == (5, 3, 1)
        assert strategy2.done_share == pytest.approx(0.6)
        assert (phase1.applicable, phase1.done, phase1.verified) == (13, 3, 1)
        assert len(checklist.items) == 44


class TestEditing:
    def item(self, club, code):
        rollout_ensure_club(club)
        return ActivityProgress.objects.get(club=club, activity__code=code)

    def test_update_keeps_history(self, world, facilitator):
        item = self.item(world.club_a1, "s01-a01")
        progress_update(
            progress=item,
            by=facilitator,
            status=ProgressStatus.IN_PROGRESS,
            started_on=dt.date(2024, 5, 1),
            responsible="خانم احمدی",
        )
        progress_update(
            progress=item,
            by=facilitator,
            status=ProgressStatus.DONE,
            started_on=dt.date(2024, 5, 1),
        )
        item.refresh_from_db()
        assert item.status == ProgressStatus.DONE
        assert item.completed_on is not None  # defaults to today
        assert item.responsible == ""  # the second edit cleared it
        events = list(item.events.order_by("at", "pk"))
        assert [(e.kind, e.old_status, e.new_status, e.actor) for e in events] == [
            (ProgressEventKind.STATUS, "not_started", "in_progress", facilitator),
            (ProgressEventKind.STATUS, "in_progress", "done", facilitator),
        ]
        assert rollout_of(world.club_a1).waiting_count == 1

    def test_not_applicable_needs_a_reason(self, world, facilitator):
        item = self.item(world.club_a1, "s01-a01")
        with pytest.raises(ValidationError) as error:
            progress_update(progress=item, by=facilitator, status=ProgressStatus.NOT_APPLICABLE)
        assert "دلیل" in str(error.value)
        item.refresh_from_db()
        assert item.status == ProgressStatus.NOT_STARTED

    def test_verified_is_not_a_status_one_sets(self, world, staff_a):
        item = self.item(world.club_a1, "s01-a01")
        with pytest.raises(ValidationError):
            progress_update(progress=item, by=staff_a, status=ProgressStatus.VERIFIED)

    def test_facilitator_cannot_change_a_verified_item(self, world, facilitator):
        item = set_status(world.club_a1, "s01-a01", ProgressStatus.VERIFIED)
        with pytest.raises(ValidationError):
            progress_update(progress=item, by=facilitator, status=ProgressStatus.IN_PROGRESS)

    def test_staff_editing_a_verified_item_keeps_it_verified(self, world, staff_a):
        item = set_status(world.club_a1, "s01-a01", ProgressStatus.VERIFIED, verified_by=staff_a)
        progress_update(
            progress=item, by=staff_a, status=ProgressStatus.DONE, notes="گزارش کامل پیوست شد"
        )
        item.refresh_from_db()
        assert (item.status, item.verified_by, item.notes) == (
            ProgressStatus.VERIFIED,
            staff_a,
            "گزارش کامل پیوست شد",
        )
        assert item.events.get().kind == ProgressEventKind.EDIT

    def test_verify_and_send_back(self, world, staff_a, facilitator):
        item = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        progress_verify(progress=item, by=staff_a, comment="مستندات کافی است")
        item.refresh_from_db()
        assert item.status == ProgressStatus.VERIFIED
        assert item.verified_by == staff_a
        assert rollout_of(world.club_a1).verified_count == 1
        progress_send_back(progress=item, by=staff_a, comment="تاریخ جلسه اشتباه است")
        item.refresh_from_db()
        assert item.status == ProgressStatus.IN_PROGRESS
        assert item.sent_back and item.verified_by is None
        assert rollout_of(world.club_a1).returned_count == 1
        sent = item.events.get(kind=ProgressEventKind.SENT_BACK)
        assert (sent.actor, sent.old_status, sent.new_status, sent.comment) == (
            staff_a,
            "verified",
            "in_progress",
            "تاریخ جلسه اشتباه است",
        )
        # The facilitator fixes it and resubmits: the send-back is cleared.
        progress_update(progress=item, by=facilitator, status=ProgressStatus.DONE)
        item.refresh_from_db()
        assert not item.sent_back
        assert rollout_of(world.club_a1).returned_count == 0

    def test_send_back_needs_a_comment(self, world, staff_a):
        item = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        with pytest.raises(ValidationError):
            progress_send_back(progress=item, by=staff_a, comment="  ")

    def test_only_done_items_are_verified(self, world, staff_a):
        item = self.item(world.club_a1, "s01-a01")
        with pytest.raises(ValidationError):
            progress_verify(progress=item, by=staff_a)

    @pytest.mark.parametrize(
        "user_fixture",
        ["staff_b", "facilitator", "club_secretary", "ministry_admin", "county_secretariat"],
    )
    def test_only_the_universitys_staff_verify(self, request, world, user_fixture):
        item = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        with pytest.raises(PermissionDenied):
            progress_verify(progress=item, by=request.getfixturevalue(user_fixture))
        with pytest.raises(PermissionDenied):
            progress_send_back(progress=item, by=request.getfixturevalue(user_fixture), comment="x")

    def test_evidence_of_another_club_is_refused(self, world, facilitator):
        item = self.item(world.club_a1, "s04-a01")
        with pytest.raises(ValidationError):
            evidence_link(progress=item, by=facilitator, record=MeetingFactory(club=world.club_a2))


class TestVersions:
    def make_v2(self, v1):
        v2 = template_version_clone(source=v1, number=2, title="الگوی بازنگری‌شده")
        assert not v2.is_published
        assert TemplateVersion.objects.current() == v1  # drafts are not followed
        strategy12 = v2.phases.get(number=4).strategies.get(number=12)
        strategy12.activities.get(code="s12-a02").delete()
        strategy12.activities.create(number=3, code="s12-a03", title="فعالیت تازه")
        Activity.objects.filter(strategy__phase__version=v2, code="s01-a01").update(
            title="پیشینه و تاریخچه محله"
        )
        template_version_publish(version=v2)
        return v2

    def test_versioning_keeps_old_progress(self, world, v1, staff_a):
        club = world.club_a1
        verified = set_status(club, "s05-a01", ProgressStatus.VERIFIED, verified_by=staff_a)
        meeting = MeetingFactory(club=club)
        evidence_link(progress=verified, by=staff_a, record=meeting)
        set_status(
            club, "s04-a03", ProgressStatus.NOT_APPLICABLE, not_applicable_reason="افتتاحیه نداشت"
        )
        set_status(club, "s12-a02", ProgressStatus.DONE)
        set_status(club, "s01-a01", ProgressStatus.DONE, responsible="آقای رضایی")

        v2 = self.make_v2(v1)
        assert TemplateVersion.objects.current() == v2
        # A club already started keeps its version; a new one follows v2.
        assert rollout_ensure_club(club).version == v1
        assert rollout_ensure_club(world.club_b1).version == v2

        club_rollout_move(club=club, version=v2, by=None)
        rollout = rollout_of(club)
        assert rollout.version == v2
        new = {
            p.activity.code: p
            for p in ActivityProgress.objects.filter(
                club=club, activity__strategy__phase__version=v2
            ).select_related("activity")
        }
        assert len(new) == 44
        assert new["s05-a01"].status == ProgressStatus.VERIFIED
        assert new["s05-a01"].verified_by == staff_a
        assert new["s05-a01"].evidence.get().meeting == meeting
        assert new["s04-a03"].not_applicable_reason == "افتتاحیه نداشت"
        assert new["s01-a01"].status == ProgressStatus.DONE  # renamed, same code
        assert new["s01-a01"].responsible == "آقای رضایی"
        assert new["s12-a03"].status == ProgressStatus.NOT_STARTED
        assert new["s05-a01"].events.filter(kind=ProgressEventKind.MOVED).exists()
        # The old rows stay, untouched.
        old = ActivityProgress.objects.filter(club=club, activity__strategy__phase__version=v1)
        assert old.count() == 44
        assert old.get(activity__code="s12-a02").status == ProgressStatus.DONE
        assert ActivityEvidence.objects.filter(progress__club=club).count() == 2
        # The summary follows v2 (s12-a02 is gone from it, s04-a03 not applicable).
        assert (rollout.applicable_count, rollout.done_count, rollout.verified_count) == (43, 2, 1)

    def test_unpublished_version_cannot_be_followed(self, world, v1):
        draft = template_version_clone(source=v1, number=3, title="پیش‌نویس")
        with pytest.raises(ValidationError):
            club_rollout_move(club=world.club_a1, version=draft)

    def test_publish_refuses_an_empty_strategy(self, v1):
        draft = template_version_clone(source=v1, number=4, title="پیش‌نویس")
        Activity.objects.filter(strategy__phase__version=draft, strategy__number=12).delete()
        with pytest.raises(ValidationError) as error:
            template_version_publish(version=draft)
        assert "راهبرد ۱۲ فعالیتی ندارد" in str(error.value)
