"""Demo rollout data: clubs at different phases, items waiting for verification, some
verified, one sent back to the demo facilitator, and the universities' action plans.

Everything goes through the services, as people would do it. Idempotent: a scripted
change is applied only to an item nobody has touched yet, so running `seed_demo`
again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from accounts.models import RoleAssignment
from accounts.roles import Role
from clubs.models import Club
from clubs.rollout import services
from clubs.rollout.models import (
    ActivityProgress,
    PlanItem,
    PlanStatus,
    ProgressEventKind,
    ProgressStatus,
    UniversityPlanEntry,
)
from core import jalali

SENT_BACK_COMMENT = (
    "صورتجلسه افتتاحیه و عکس‌های آن پیوست نشده است؛ لطفاً بارگذاری کنید و دوباره بفرستید."
)

# club (neighborhood name) → (phases fully verified, phases done but not verified,
# extra activity codes done and waiting, days since opening or None)
PLANS = {
    "دروازه غار": (1, 0, ["s04-a01", "s04-a02", "s05-a01"], 120),
    "هرندی": (0, 1, ["s04-a01", "s04-a03"], 45),
    "خاک سفید": (0, 0, ["s01-a01", "s01-a02"], None),
    "قائمیه": (2, 0, ["s06-a01", "s06-a02", "s07-a01"], 300),
    "گلشهر": (3, 0, ["s09-a01", "s10-a01", "s10-a02"], 500),
    "التیمور": (1, 1, [], 200),
    "سعدی": (0, 1, ["s04-a01"], None),
}
# A few of the "done" items the university has already verified.
VERIFIED_TOO = {"دروازه غار": ["s04-a01"], "هرندی": ["s01-a01", "s01-a02", "s02-a01"]}
# The item sent back to the demo facilitator.
SENT_BACK = ("هرندی", "s04-a03")


def _untouched(progress: ActivityProgress) -> bool:
    """No person has acted on it yet (the rules' own events have no actor)."""
    return not progress.events.filter(actor__isnull=False).exists()


def _staff_for(club: Club):
    assignment = (
        RoleAssignment.objects.filter(
            role=Role.UNIVERSITY_STAFF, university=club.neighborhood.county.university_id
        )
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None


def _facilitator_for(club: Club):
    assignment = (
        RoleAssignment.objects.filter(role=Role.FACILITATOR, club=club)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None


def _rows(club: Club) -> dict[str, ActivityProgress]:
    rollout = services.rollout_ensure_club(club)
    return {
        row.activity.code: row
        for row in ActivityProgress.objects.filter(
            club=club, activity__strategy__phase__version=rollout.version
        ).select_related("activity__strategy__phase")
    }


def _seed_club(name: str, club: Club, today: dt.date) -> None:
    verified_phases, done_phases, extra, opened_days = PLANS[name]
    if opened_days is not None and club.opened_on is None:
        club.opened_on = today - dt.timedelta(days=opened_days)
        club.save(update_fields=["opened_on", "updated_at"])
    services.rollout_sync_club(club.pk, today=today)
    editor = _facilitator_for(club) or _staff_for(club)
    verifier = _staff_for(club)
    if editor is None:
        return
    rows = _rows(club)
    done_on = today - dt.timedelta(days=20)
    for code, row in rows.items():
        phase = row.activity.strategy.phase.number
        wanted_done = phase <= verified_phases + done_phases or code in extra
        if not wanted_done or not _untouched(row):
            continue
        if row.status not in (ProgressStatus.DONE, ProgressStatus.VERIFIED):
            services.progress_update(
                progress=row,
                by=editor,
                status=ProgressStatus.DONE,
                started_on=done_on - dt.timedelta(days=30),
                completed_on=done_on,
                responsible=str(editor),
                notes="",
            )
            row.refresh_from_db()
        should_verify = phase <= verified_phases or code in VERIFIED_TOO.get(name, [])
        if should_verify and verifier is not None and row.status == ProgressStatus.DONE:
            services.progress_verify(progress=row, by=verifier, comment="مستندات بررسی شد.")
    if SENT_BACK[0] == name and verifier is not None:
        row = _rows(club)[SENT_BACK[1]]
        already = row.events.filter(kind=ProgressEventKind.SENT_BACK).exists()
        if not already and row.status == ProgressStatus.DONE:
            services.progress_send_back(progress=row, by=verifier, comment=SENT_BACK_COMMENT)


# university code → {plan item code: status}
PLAN_PROGRESS = {
    "tums": {
        "step1-baseline": PlanStatus.DONE,
        "step1-model-workshop": PlanStatus.DONE,
        "step1-operational-workshop": PlanStatus.DONE,
        "step1-indicators-workshop": PlanStatus.IN_PROGRESS,
        "standards-indicators": PlanStatus.IN_PROGRESS,
        "training-needs": PlanStatus.DONE,
    },
    "mashhad": {
        "step1-baseline": PlanStatus.DONE,
        "step1-model-workshop": PlanStatus.DONE,
        "mobilize-partners": PlanStatus.IN_PROGRESS,
    },
}


def _seed_plans(universities: dict, today: dt.date) -> None:
    for code, statuses in PLAN_PROGRESS.items():
        university = universities.get(code)
        if university is None:
            continue
        staff = (
            RoleAssignment.objects.filter(role=Role.UNIVERSITY_STAFF, university=university)
            .select_related("user")
            .first()
        )
        if staff is None:
            continue
        for item in PlanItem.objects.filter(code__in=statuses):
            entry = services.plan_entry_for(university=university, item=item)
            if entry.updated_by_id is not None:
                continue  # already edited: leave it
            status = statuses[item.code]
            services.plan_entry_update(
                entry=entry,
                by=staff.user,
                status=status,
                started_on=today - dt.timedelta(days=90),
                due_on=today + dt.timedelta(days=60),
                completed_on=today - dt.timedelta(days=10) if status == PlanStatus.DONE else None,
                notes="",
            )


def seed(context: dict) -> None:
    today = jalali.today()
    clubs: dict[str, Club] = context.get("clubs", {})
    for name, club in clubs.items():
        if name in PLANS:
            _seed_club(
                name, Club.objects.select_related("neighborhood__county").get(pk=club.pk), today
            )
        else:
            services.rollout_sync_club(club.pk, today=today)
    _seed_plans(context.get("universities", {}), today)
    context["rollout"] = {
        "entries": UniversityPlanEntry.objects.count(),
        "sent_back": SENT_BACK,
    }
