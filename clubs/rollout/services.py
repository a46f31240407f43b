"""Writes of the rollout app: syncing clubs with the portal's data, editing,
verifying and sending back checklist items, evidence, template versions, and the
universities' action plans.

What other parts call:
* `rollout_sync_club(club_id)` — after a change that may satisfy an activity (a
  meeting logged, an officer elected, a group formed, the opening date set), or
  `queue_club_sync(club_id)` from `clubs.rollout.tasks` to run it after the commit
  in a worker. A daily beat task runs it for every club as well.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.models import Club, Meeting, OfficerTerm, ThematicGroup
from clubs.rollout.models import (
    ALL_PHASES_COMPLETE,
    DONE_STATUSES,
    VERIFY,
    Activity,
    ActivityEvidence,
    ActivityProgress,
    BoardExport,
    ClubRollout,
    EvidenceKind,
    ExportStatus,
    Phase,
    PlanEvidence,
    PlanItem,
    PlanStatus,
    ProgressEvent,
    ProgressEventKind,
    ProgressStatus,
    Strategy,
    StrategySummary,
    TemplateVersion,
    UniversityPlanEntry,
)
from clubs.rollout.rules import RULES
from clubs.rollout.uploads import check_upload
from core import jalali
from core.text import persian_digits

# Statuses a person may set on the checklist; "verified" is set only by verification.
EDITABLE_STATUSES = (
    ProgressStatus.NOT_STARTED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.DONE,
    ProgressStatus.NOT_APPLICABLE,
)
# Statuses evidence rules may raise to "done".
RULE_RAISABLE = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS)


# --- Club rollout and its summary ---------------------------------------------------------


def rollout_ensure_club(club: Club) -> ClubRollout | None:
    """The club's rollout (following the latest published version when new) with one
    progress row per activity of its version. Idempotent; None if no version exists."""
    rollout = ClubRollout.objects.filter(club=club).select_related("version").first()
    if rollout is None:
        version = TemplateVersion.objects.current()
        if version is None:
            return None
        rollout, _created = ClubRollout.objects.get_or_create(
            club=club, defaults={"version": version}
        )
    _ensure_progress_rows(club_id=club.pk, version_id=rollout.version_id)
    return rollout


def _ensure_progress_rows(*, club_id: int, version_id: int) -> list[int]:
    activity_ids = list(
        Activity.objects.filter(strategy__phase__version_id=version_id).values_list("pk", flat=True)
    )
    existing = set(
        ActivityProgress.objects.filter(club_id=club_id, activity_id__in=activity_ids).values_list(
            "activity_id", flat=True
        )
    )
    missing = [pk for pk in activity_ids if pk not in existing]
    if missing:
        ActivityProgress.objects.bulk_create(
            [ActivityProgress(club_id=club_id, activity_id=pk) for pk in missing],
            ignore_conflicts=True,
        )
    return missing


@dataclass(frozen=True)
class SyncResult:
    rollout: ClubRollout | None
    proposed: list[str]  # activity codes proposed as done by this run


def rollout_sync_club(club_id: int, *, today: dt.date | None = None) -> SyncResult:
    """Bring one club's checklist up to date with the portal's data: make sure its rows
    exist, let the evidence rules propose activities as done, refresh its summary.

    Idempotent (a second run changes nothing); never lowers an item, never touches a
    verified, not-applicable or sent-back item."""
    today = today or jalali.today()
    with transaction.atomic():
        club = Club.objects.get(pk=club_id)
        rollout = rollout_ensure_club(club)
        if rollout is None:
            return SyncResult(None, [])
        # One sync per club at a time (the daily task and an after-change sync).
        rollout = (
            ClubRollout.objects.select_for_update().select_related("version").get(pk=rollout.pk)
        )
        proposed = []
        candidates = (
            ActivityProgress.objects.filter(
                club=club,
                activity__strategy__phase__version_id=rollout.version_id,
                status__in=RULE_RAISABLE,
                sent_back=False,
            )
            .exclude(activity__evidence_rule="")
            .select_related("activity")
        )
        for progress in candidates:
            rule = RULES.get(progress.activity.evidence_rule)
            if rule is None:
                continue
            result = rule.check(club, today)
            if not result.satisfied:
                continue
            _propose(progress, rule_key=rule.key, note=result.note, on=result.on or today)
            for record in result.evidence:
                evidence_link(progress=progress, by=None, record=record, rule=rule.key)
            proposed.append(progress.activity.code)
        rollout_refresh_summary(rollout)
    return SyncResult(rollout, proposed)


def _propose(progress: ActivityProgress, *, rule_key: str, note: str, on: dt.date) -> None:
    old = progress.status
    progress.status = ProgressStatus.DONE
    progress.proposed_by_rule = rule_key
    progress.completed_on = progress.completed_on or on
    if progress.started_on and progress.completed_on < progress.started_on:
        progress.completed_on = progress.started_on
    progress.save(update_fields=["status", "proposed_by_rule", "completed_on", "updated_at"])
    ProgressEvent.objects.create(
        progress=progress,
        kind=ProgressEventKind.PROPOSED,
        old_status=old,
        new_status=progress.status,
        comment=note,
    )


def rollout_refresh_summary(rollout: ClubRollout) -> ClubRollout:
    """Recount the club's summary (per strategy and overall, current phases) from its
    progress rows of the version it follows. Three queries and two writes."""
    strategies = list(
        Strategy.objects.filter(phase__version_id=rollout.version_id)
        .select_related("phase")
        .order_by("phase__number", "number")
    )
    counts = {
        row["activity__strategy_id"]: row
        for row in ActivityProgress.objects.filter(
            club_id=rollout.club_id, activity__strategy__phase__version_id=rollout.version_id
        )
        .values("activity__strategy_id")
        .annotate(
            total=Count("pk"),
            not_applicable=Count("pk", filter=Q(status=ProgressStatus.NOT_APPLICABLE)),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES)),
            verified=Count("pk", filter=Q(status=ProgressStatus.VERIFIED)),
            waiting=Count("pk", filter=Q(status=ProgressStatus.DONE)),
            returned=Count("pk", filter=Q(sent_back=True)),
        )
    }
    summaries = []
    phase_done: dict[int, bool] = {}
    phase_verified: dict[int, bool] = {}
    totals = defaultdict(int)
    for strategy in strategies:
        row = counts.get(strategy.pk, {})
        applicable = row.get("total", 0) - row.get("not_applicable", 0)
        done, verified = row.get("done", 0), row.get("verified", 0)
        summaries.append(
            StrategySummary(
                club_id=rollout.club_id,
                phase_number=strategy.phase.number,
                strategy_number=strategy.number,
                applicable=applicable,
                done=done,
                verified=verified,
            )
        )
        number = strategy.phase.number
        phase_done[number] = phase_done.get(number, True) and done >= applicable
        phase_verified[number] = phase_verified.get(number, True) and verified >= applicable
        totals["applicable"] += applicable
        totals["done"] += done
        totals["verified"] += verified
        totals["waiting"] += row.get("waiting", 0)
        totals["returned"] += row.get("returned", 0)
    StrategySummary.objects.bulk_create(
        summaries,
        update_conflicts=True,
        unique_fields=["club", "strategy_number"],
        update_fields=["phase_number", "applicable", "done", "verified"],
    )
    StrategySummary.objects.filter(club_id=rollout.club_id).exclude(
        strategy_number__in=[s.number for s in strategies]
    ).delete()
    rollout.current_phase = _first_incomplete(phase_verified)
    rollout.reported_phase = _first_incomplete(phase_done)
    rollout.applicable_count = totals["applicable"]
    rollout.done_count = totals["done"]
    rollout.verified_count = totals["verified"]
    rollout.waiting_count = totals["waiting"]
    rollout.returned_count = totals["returned"]
    rollout.refreshed_at = timezone.now()
    rollout.save(
        update_fields=[
            "current_phase",
            "reported_phase",
            "applicable_count",
            "done_count",
            "verified_count",
            "waiting_count",
            "returned_count",
            "refreshed_at",
        ]
    )
    return rollout


def _first_incomplete(complete_by_phase: dict[int, bool]) -> int:
    for number in sorted(complete_by_phase):
        if not complete_by_phase[number]:
            return number
    return ALL_PHASES_COMPLETE


def _refresh_club(club_id: int) -> None:
    rollout = ClubRollout.objects.filter(club_id=club_id).first()
    if rollout is not None:
        rollout_refresh_summary(rollout)


# --- Editing, verifying and sending back --------------------------------------------------


def _event(
    progress: ActivityProgress,
    kind: str,
    by,
    *,
    old: str = "",
    new: str = "",
    comment: str = "",
) -> ProgressEvent:
    return ProgressEvent.objects.create(
        progress=progress,
        kind=kind,
        actor=by,
        old_status=old,
        new_status=new,
        comment=comment,
    )


def _can_verify(progress: ActivityProgress, user) -> bool:
    return ActivityProgress.objects.for_user(user, VERIFY).filter(pk=progress.pk).exists()


def progress_update(
    *,
    progress: ActivityProgress,
    by,
    status: str,
    not_applicable_reason: str = "",
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    responsible: str = "",
    notes: str = "",
) -> ActivityProgress:
    """A person's edit of a checklist item (the club's editors: facilitator, club
    secretary, university staff). A verified item is locked for those who cannot
    verify; setting "done" again clears a send-back (the item is resubmitted)."""
    if status not in EDITABLE_STATUSES:
        raise ValidationError({"status": _("این وضعیت را نمی‌توان مستقیم انتخاب کرد.")})
    if progress.status == ProgressStatus.VERIFIED and not _can_verify(progress, by):
        raise ValidationError(
            _(
                "این فعالیت را دانشگاه تأیید کرده است؛ برای تغییر، کارشناس دانشگاه باید آن را بازگرداند."
            )
        )
    not_applicable_reason = not_applicable_reason.strip()
    if status == ProgressStatus.NOT_APPLICABLE and not not_applicable_reason:
        raise ValidationError({"not_applicable_reason": _("برای «موضوعیت ندارد» دلیل را بنویسید.")})
    if started_on and completed_on and completed_on < started_on:
        raise ValidationError({"completed_on": _("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد.")})
    old_status = progress.status
    if old_status == ProgressStatus.VERIFIED and status == ProgressStatus.DONE:
        # The form shows a verified item as "done": editing its notes keeps it verified.
        status = ProgressStatus.VERIFIED
    before = _editable_snapshot(progress)
    progress.status = status
    progress.not_applicable_reason = (
        not_applicable_reason if status == ProgressStatus.NOT_APPLICABLE else ""
    )
    progress.started_on = started_on
    progress.completed_on = completed_on
    progress.responsible = responsible.strip()
    progress.notes = notes.strip()
    if status == ProgressStatus.DONE and progress.completed_on is None:
        progress.completed_on = jalali.today()
        if progress.started_on and progress.completed_on < progress.started_on:
            progress.completed_on = progress.started_on
    if status != old_status:
        progress.proposed_by_rule = ""
        if old_status == ProgressStatus.VERIFIED:
            progress.verified_at = None
            progress.verified_by = None
        if status in (ProgressStatus.DONE, ProgressStatus.NOT_APPLICABLE):
            progress.sent_back = False
    changed = before != _editable_snapshot(progress) or status != old_status
    if not changed:
        return progress
    progress.save()
    if status != old_status:
        _event(progress, ProgressEventKind.STATUS, by, old=old_status, new=status)
    else:
        _event(progress, ProgressEventKind.EDIT, by, old=old_status, new=status)
    _refresh_club(progress.club_id)
    return progress


def _editable_snapshot(progress: ActivityProgress) -> tuple:
    return (
        progress.status,
        progress.not_applicable_reason,
        progress.started_on,
        progress.completed_on,
        progress.responsible,
        progress.notes,
    )


def progress_verify(*, progress: ActivityProgress, by, comment: str = "") -> ActivityProgress:
    """University staff verify an item marked done."""
    if not _can_verify(progress, by):
        raise PermissionDenied
    if progress.status != ProgressStatus.DONE:
        raise ValidationError(_("فقط فعالیتی که «انجام شد» ثبت شده است تأییدکردنی است."))
    old = progress.status
    progress.status = ProgressStatus.VERIFIED
    progress.verified_by = by
    progress.verified_at = timezone.now()
    progress.sent_back = False
    progress.save()
    _event(progress, ProgressEventKind.VERIFIED, by, old=old, new=progress.status, comment=comment)
    _refresh_club(progress.club_id)
    return progress


def progress_send_back(*, progress: ActivityProgress, by, comment: str) -> ActivityProgress:
    """University staff send an item back to the club with a comment: it is no longer
    counted as done and the facilitator sees it (checklist and home page)."""
    if not _can_verify(progress, by):
        raise PermissionDenied
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("برای بازگرداندن، توضیح بنویسید.")})
    sendable = (*DONE_STATUSES, ProgressStatus.NOT_APPLICABLE)
    if progress.status not in sendable:
        raise ValidationError(
            _("فقط فعالیت انجام‌شده، تأییدشده یا «موضوعیت ندارد» را می‌توان بازگرداند.")
        )
    old = progress.status
    progress.status = (
        ProgressStatus.NOT_STARTED
        if old == ProgressStatus.NOT_APPLICABLE
        else ProgressStatus.IN_PROGRESS
    )
    progress.not_applicable_reason = ""
    progress.sent_back = True
    progress.sent_back_comment = comment
    progress.sent_back_at = timezone.now()
    progress.sent_back_by = by
    progress.verified_at = None
    progress.verified_by = None
    progress.proposed_by_rule = ""
    progress.save()
    _event(progress, ProgressEventKind.SENT_BACK, by, old=old, new=progress.status, comment=comment)
    _refresh_club(progress.club_id)
    return progress


# --- Evidence -------------------------------------------------------------------------------


def evidence_add_file(
    *, progress: ActivityProgress, by, upload, note: str = ""
) -> ActivityEvidence:
    """Attach an uploaded photo or PDF (checked by `uploads.check_upload`)."""
    checked = check_upload(upload)
    evidence = ActivityEvidence(
        progress=progress,
        kind=EvidenceKind.FILE,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        note=note.strip()[:300],
        added_by=by,
    )
    evidence.file.save(checked.name, checked.upload, save=False)
    evidence.save()
    _event(progress, ProgressEventKind.EVIDENCE_ADDED, by, comment=checked.name)
    return evidence


_LINK_FIELDS: dict[type[models.Model], tuple[str, str]] = {
    Meeting: (EvidenceKind.MEETING, "meeting"),
    OfficerTerm: (EvidenceKind.OFFICER_TERM, "officer_term"),
    ThematicGroup: (EvidenceKind.THEMATIC_GROUP, "thematic_group"),
}


def evidence_link(
    *, progress: ActivityProgress, by, record: models.Model, note: str = "", rule: str = ""
) -> ActivityEvidence:
    """Link one of the portal's own records as evidence: a club meeting, an officer
    term, a thematic group, or any other app's record (e.g. a survey response) through
    the generic `ActivityEvidence.record` slot. The record must belong to the same club
    (when it has a `club_id`). Linking the same record twice returns the first link."""
    club_id = getattr(record, "club_id", None)
    if club_id is not None and club_id != progress.club_id:
        raise ValidationError(_("این سابقه متعلق به کانون دیگری است."))
    kind_field = _LINK_FIELDS.get(type(record))
    if kind_field is not None:
        kind, field = kind_field
        lookup = {field: record}
    else:
        kind = EvidenceKind.RECORD
        lookup = {
            "record_type": ContentType.objects.get_for_model(record),
            "record_id": record.pk,
        }
    existing = progress.evidence.filter(kind=kind, **lookup).first()
    if existing is not None:
        return existing
    evidence = ActivityEvidence.objects.create(
        progress=progress,
        kind=kind,
        note=note.strip()[:300],
        added_by=by,
        added_by_rule=rule,
        **lookup,
    )
    _event(progress, ProgressEventKind.EVIDENCE_ADDED, by, comment=evidence.label)
    return evidence


def evidence_remove(*, evidence: ActivityEvidence, by) -> None:
    """Remove evidence; the file is deleted when no other row (a copy made by moving
    the club to a new version) still uses it."""
    progress = evidence.progress
    if progress.status == ProgressStatus.VERIFIED and not _can_verify(progress, by):
        raise ValidationError(_("مستندات فعالیت تأییدشده را نمی‌توان حذف کرد."))
    label = evidence.label
    name = evidence.file.name if evidence.kind == EvidenceKind.FILE else ""
    evidence.delete()
    if name and not ActivityEvidence.objects.filter(file=name).exists():
        storage = ActivityEvidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))
    _event(progress, ProgressEventKind.EVIDENCE_REMOVED, by, comment=label)


# --- Template versions ----------------------------------------------------------------------


def template_version_clone(*, source: TemplateVersion, number: int, title: str) -> TemplateVersion:
    """A draft copy of `source` (same codes and rules) for ministry admins to edit."""
    if TemplateVersion.objects.filter(number=number).exists():
        raise ValidationError({"number": _("نسخه‌ای با این شماره وجود دارد.")})
    with transaction.atomic():
        draft = TemplateVersion.objects.create(
            number=number, title=title, source=source.source, notes=source.notes
        )
        for phase in source.phases.prefetch_related("strategies__activities"):
            new_phase = Phase.objects.create(
                version=draft, number=phase.number, code=phase.code, title=phase.title
            )
            for strategy in phase.strategies.all():
                new_strategy = Strategy.objects.create(
                    phase=new_phase,
                    number=strategy.number,
                    code=strategy.code,
                    title=strategy.title,
                    description=strategy.description,
                )
                Activity.objects.bulk_create(
                    Activity(
                        strategy=new_strategy,
                        number=activity.number,
                        code=activity.code,
                        title=activity.title,
                        description=activity.description,
                        evidence_rule=activity.evidence_rule,
                    )
                    for activity in strategy.activities.all()
                )
    return draft


def template_version_problems(version: TemplateVersion) -> list[str]:
    """Why `version` cannot be published (empty when it can)."""
    problems = []
    phases = list(version.phases.prefetch_related("strategies__activities"))
    if not phases:
        problems.append(_("این نسخه فازی ندارد."))
    strategy_numbers: set[int] = set()
    codes: set[str] = set()
    for phase in phases:
        strategies = list(phase.strategies.all())
        if not strategies:
            problems.append(_("فاز %(n)s راهبردی ندارد.") % {"n": persian_digits(phase.number)})
        for strategy in strategies:
            if strategy.number in strategy_numbers:
                problems.append(
                    _("شماره راهبرد %(n)s تکراری است.") % {"n": persian_digits(strategy.number)}
                )
            strategy_numbers.add(strategy.number)
            activities = list(strategy.activities.all())
            if not activities:
                problems.append(
                    _("راهبرد %(n)s فعالیتی ندارد.") % {"n": persian_digits(strategy.number)}
                )
            for activity in activities:
                if activity.code in codes:
                    problems.append(
                        _("شناسه فعالیت «%(code)s» تکراری است.") % {"code": activity.code}
                    )
                codes.add(activity.code)
    return problems


def template_version_publish(*, version: TemplateVersion) -> TemplateVersion:
    """Publish a draft: new clubs follow it; clubs already started keep their version
    until moved (`club_rollout_move`)."""
    if version.is_published:
        raise ValidationError(_("این نسخه پیش‌تر منتشر شده است."))
    problems = template_version_problems(version)
    if problems:
        raise ValidationError(problems)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    from clubs.rollout.selectors import CURRENT_LABELS_CACHE_KEY

    transaction.on_commit(lambda: cache.delete(CURRENT_LABELS_CACHE_KEY))
    cache.delete(CURRENT_LABELS_CACHE_KEY)
    return version


def club_rollout_move(*, club: Club, version: TemplateVersion, by=None) -> ClubRollout:
    """Move a club to another published version. Its rows of the old version stay as
    they are (history); each activity of the new version whose code matches an old
    activity gets a copy of its status, dates, notes, verification and evidence."""
    if not version.is_published:
        raise ValidationError(_("فقط نسخه منتشرشده را می‌توان برای کانون برگزید."))
    with transaction.atomic():
        rollout = rollout_ensure_club(club)
        if rollout is None:
            raise ValidationError(_("هنوز نسخه‌ای از الگو منتشر نشده است."))
        rollout = ClubRollout.objects.select_for_update().get(pk=rollout.pk)
        old_version = rollout.version
        if old_version.pk == version.pk:
            return rollout
        old_rows = {
            row.activity.code: row
            for row in ActivityProgress.objects.filter(
                club=club, activity__strategy__phase__version=old_version
            )
            .select_related("activity")
            .prefetch_related("evidence")
        }
        _ensure_progress_rows(club_id=club.pk, version_id=version.pk)
        new_rows = ActivityProgress.objects.filter(
            club=club, activity__strategy__phase__version=version
        ).select_related("activity")
        copied_fields = [
            "status",
            "not_applicable_reason",
            "started_on",
            "completed_on",
            "responsible",
            "notes",
            "proposed_by_rule",
            "sent_back",
            "sent_back_comment",
            "sent_back_at",
            "sent_back_by_id",
            "verified_at",
            "verified_by_id",
        ]
        comment = _("انتقال از «%(old)s» به «%(new)s»") % {"old": old_version, "new": version}
        for row in new_rows:
            old = old_rows.get(row.activity.code)
            if old is None:
                continue
            for name in copied_fields:
                setattr(row, name, getattr(old, name))
            row.save()
            ActivityEvidence.objects.bulk_create(
                ActivityEvidence(
                    progress=row,
                    kind=evidence.kind,
                    file=evidence.file.name,
                    original_name=evidence.original_name,
                    content_type=evidence.content_type,
                    size=evidence.size,
                    meeting_id=evidence.meeting_id,
                    officer_term_id=evidence.officer_term_id,
                    thematic_group_id=evidence.thematic_group_id,
                    record_type_id=evidence.record_type_id,
                    record_id=evidence.record_id,
                    note=evidence.note,
                    added_by_id=evidence.added_by_id,
                    added_by_rule=evidence.added_by_rule,
                )
                for evidence in old.evidence.all()
            )
            _event(
                row, ProgressEventKind.MOVED, by, old=old.status, new=row.status, comment=comment
            )
        rollout.version = version
        rollout.save(update_fields=["version"])
        rollout_refresh_summary(rollout)
    return rollout


# --- The universities' action plan ---------------------------------------------------------


def plan_entry_for(*, university, item: PlanItem) -> UniversityPlanEntry:
    entry, _created = UniversityPlanEntry.objects.get_or_create(university=university, item=item)
    return entry


def plan_entry_update(
    *,
    entry: UniversityPlanEntry,
    by,
    status: str,
    started_on: dt.date | None = None,
    due_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    notes: str = "",
) -> UniversityPlanEntry:
    if not UniversityPlanEntry.objects.for_user(by, "change").filter(pk=entry.pk).exists():
        raise PermissionDenied
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("وضعیت درست نیست.")})
    if started_on and completed_on and completed_on < started_on:
        raise ValidationError({"completed_on": _("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد.")})
    entry.status = status
    entry.started_on = started_on
    entry.due_on = due_on
    entry.completed_on = completed_on or (jalali.today() if status == PlanStatus.DONE else None)
    if entry.started_on and entry.completed_on and entry.completed_on < entry.started_on:
        entry.completed_on = entry.started_on
    entry.notes = notes.strip()
    entry.updated_by = by
    entry.save()
    return entry


def plan_evidence_add(*, entry: UniversityPlanEntry, by, upload) -> PlanEvidence:
    if not UniversityPlanEntry.objects.for_user(by, "change").filter(pk=entry.pk).exists():
        raise PermissionDenied
    checked = check_upload(upload)
    evidence = PlanEvidence(
        entry=entry,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    evidence.file.save(checked.name, checked.upload, save=False)
    evidence.save()
    return evidence


def plan_evidence_remove(*, evidence: PlanEvidence, by) -> None:
    if not PlanEvidence.objects.for_user(by, "change").filter(pk=evidence.pk).exists():
        raise PermissionDenied
    name = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Board exports run by a worker ----------------------------------------------------------

EXPORT_KEEP_DAYS = 7


def board_filters_to_params(filters: dict) -> dict:
    """Board filters (model instances) as JSON for a queued export."""
    return {
        "university": getattr(filters.get("university"), "pk", None),
        "county": getattr(filters.get("county"), "pk", None),
        "phase": filters.get("phase"),
        "q": filters.get("q") or "",
    }


def board_export_request(*, user, filters: dict) -> BoardExport:
    """Queue an export of the board as the user sees it (run after the commit)."""
    from clubs.rollout import tasks

    export = BoardExport.objects.create(requested_by=user, params=board_filters_to_params(filters))
    transaction.on_commit(lambda: tasks.export_board.delay(export.pk))
    return export


def board_export_run(*, export_id: int) -> BoardExport:
    """Write the workbook of a queued export, scoped to its requester now. Idempotent:
    a finished export is left as it is."""
    from django.core.files.base import ContentFile
    from django.utils import translation

    from clubs.rollout import exports, selectors

    export = BoardExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status == ExportStatus.DONE:
        return export
    params = export.params
    clubs = selectors.board_clubs(
        export.requested_by,
        university=params.get("university"),
        county=params.get("county"),
        phase=params.get("phase"),
        q=params.get("q") or "",
    )
    with translation.override("fa"):
        content = exports.board_workbook(clubs)
    export.file.save("rollout.xlsx", ContentFile(content), save=False)
    export.row_count = clubs.count()
    export.status = ExportStatus.DONE
    export.finished_at = timezone.now()
    export.save()
    return export


def board_export_cleanup(*, now: dt.datetime | None = None) -> int:
    """Delete exports (and their files) older than a week."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=EXPORT_KEEP_DAYS)
    removed = 0
    for export in BoardExport.objects.filter(created_at__lt=cutoff):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
