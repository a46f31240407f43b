"""Evidence rules: activities the portal's own data already shows as done.

Each rule is a small function `check(club, today) -> RuleResult`, registered under an
`EvidenceRuleKey`; an activity of the template names its rule in
`Activity.evidence_rule` (so a new template version keeps or drops it per activity).
`services.rollout_sync_club` evaluates the rules of a club's activities and, when one
is satisfied, PROPOSES the activity as done — it still waits for the university's
verification. Rules only ever raise an item to "done": they never lower an item,
never touch a verified item, an item a person marked "not applicable", or an item
the university sent back (a person is working on that one).

The rules read clubs' models read-only: `Club.opened_on`, `OfficerTerm.current()`,
`ThematicGroup.active()`, `Meeting.kind`. Neighborhood forum sessions are read only
through `neighborhood_forum_sessions()`, so the forums app can replace its body with
its own session data without touching the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from clubs.models import Club, MeetingKind, OfficerRole
from clubs.rollout.models import EvidenceRuleKey
from core import jalali
from core.periods import JalaliMonth

# How many consecutive Jalali months with a forum session make the forum "regular".
FORUM_MONTHS = 3


@dataclass(frozen=True)
class RuleResult:
    satisfied: bool
    # Records proving it (meetings, officer terms, groups, or other apps' records):
    # linked to the activity as evidence when the rule proposes it.
    evidence: list[models.Model] = field(default_factory=list)
    note: str = ""
    on: dt.date | None = None  # when it was achieved, if known


NOT_SATISFIED = RuleResult(False)


@dataclass(frozen=True)
class EvidenceRule:
    key: str
    check: Callable[[Club, dt.date], RuleResult]

    @property
    def label(self) -> str:
        return str(EvidenceRuleKey(self.key).label)


RULES: dict[str, EvidenceRule] = {}


def evidence_rule(key: EvidenceRuleKey):
    """Register `check` as the rule for `key`."""

    def register(check: Callable[[Club, dt.date], RuleResult]):
        RULES[key.value] = EvidenceRule(key=key.value, check=check)
        return check

    return register


@dataclass(frozen=True)
class ForumSession:
    held_on: dt.date
    record: models.Model


def neighborhood_forum_sessions(club: Club, start: dt.date, end: dt.date) -> list[ForumSession]:
    """Sessions of the club's neighborhood health forum (مجمع سلامت محله) held between
    `start` and `end` (inclusive), oldest first.

    For now these are the club's meetings of kind `forum`. The forums app replaces
    this body with its own forum-session data (returning its session records, which
    are then linked as evidence through the generic `ActivityEvidence.record` slot).
    """
    meetings = club.meetings.filter(kind=MeetingKind.FORUM, held_on__range=(start, end)).order_by(
        "held_on", "pk"
    )
    return [ForumSession(held_on=meeting.held_on, record=meeting) for meeting in meetings]


@evidence_rule(EvidenceRuleKey.OFFICERS_ELECTED)
def officers_elected(club: Club, today: dt.date) -> RuleResult:
    """«انتخاب دبیر و جانشین»: the club has a current secretary and a current deputy."""
    terms = list(
        club.officer_terms.current()
        .filter(elected_on__lte=today)
        .select_related("membership__person")
        .order_by("role")
    )
    roles = {term.role for term in terms}
    if not {OfficerRole.SECRETARY, OfficerRole.DEPUTY} <= roles:
        return NOT_SATISFIED
    return RuleResult(
        True,
        evidence=terms,
        note=_("دبیر و جانشین فعلی کانون در سامانه ثبت شده‌اند."),
        on=max(term.elected_on for term in terms),
    )


@evidence_rule(EvidenceRuleKey.CLUB_OPENED)
def club_opened(club: Club, today: dt.date) -> RuleResult:
    """«افتتاحیه کانون سلامت محله»: the opening date is set (and has come)."""
    if club.opened_on is None or club.opened_on > today:
        return NOT_SATISFIED
    return RuleResult(
        True,
        note=_("تاریخ افتتاحیه کانون: %(date)s") % {"date": jalali.format_date(club.opened_on)},
        on=club.opened_on,
    )


@evidence_rule(EvidenceRuleKey.THEMATIC_GROUP_ACTIVE)
def thematic_group_active(club: Club, today: dt.date) -> RuleResult:
    """«تشکیل گروه‌های موضوعی با مشارکت اعضاء کانون»: an active thematic group."""
    groups = list(
        club.groups.active()
        .filter(formed_on__lte=today)
        .select_related("topic")
        .order_by("formed_on", "pk")[:5]
    )
    if not groups:
        return NOT_SATISFIED
    return RuleResult(
        True,
        evidence=groups,
        note=_("کانون گروه موضوعی فعال دارد."),
        on=groups[0].formed_on,
    )


@evidence_rule(EvidenceRuleKey.ORIENTATION_MEETING)
def orientation_meeting(club: Club, today: dt.date) -> RuleResult:
    """«برگزاری جلسات توجیهی و سازماندهی داوطلبین»: an orientation meeting was held."""
    meeting = (
        club.meetings.filter(kind=MeetingKind.ORIENTATION, held_on__lte=today)
        .order_by("held_on", "pk")
        .first()
    )
    if meeting is None:
        return NOT_SATISFIED
    return RuleResult(
        True,
        evidence=[meeting],
        note=_("جلسه توجیهی در سامانه ثبت شده است."),
        on=meeting.held_on,
    )


@evidence_rule(EvidenceRuleKey.FORUM_REGULAR)
def forum_held_regularly(club: Club, today: dt.date) -> RuleResult:
    """«تشکیل و برگزاری مستمر مجمع سلامت محله»: at least one forum session in each of
    the last three Jalali months. "The last three months" are the three complete
    months before the current one, or the current month and the two before it once
    the current month has its session (so a club meeting every month qualifies on
    the day of its session, not a month later)."""
    this_month = JalaliMonth.of(today)
    months = [this_month]
    for _index in range(FORUM_MONTHS):
        months.insert(0, months[0].previous())
    sessions = neighborhood_forum_sessions(club, months[0].start, today)
    latest: dict[JalaliMonth, ForumSession] = {}
    for session in sessions:
        latest[JalaliMonth.of(session.held_on)] = session
    for window in (months[-FORUM_MONTHS:], months[:FORUM_MONTHS]):
        if all(month in latest for month in window):
            return RuleResult(
                True,
                evidence=[latest[month].record for month in window],
                note=_("مجمع سلامت محله در ماه‌های %(months)s برگزار شده است.")
                % {"months": "، ".join(month.label for month in window)},
                on=latest[window[-1]].held_on,
            )
    return NOT_SATISFIED
