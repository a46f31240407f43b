"""Reads of the forums app: lists for the pages, statistics for dashboards, and what
other parts of the portal ask about forums. Every function runs a constant number of
queries whatever the number of rows.

For other apps:
- `neighborhood_forum_sessions(club_ids, since)` — the rollout checklist: does each
  club's neighborhood forum meet regularly?
- `issue_statistics(issues)` — dashboards and reports (pass a `for_user` queryset).
- `policy_coverage(policy, adoptions)` — "312 of 448 county forums acknowledged".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from forums.aggregates import Median
from forums.models import (
    LEVEL_ORDER,
    OPEN_ISSUE_STATUSES,
    Forum,
    ForumLevel,
    ForumSession,
    Issue,
    IssueEventKind,
    IssueStatus,
    PolicyAdoption,
    SeatCategory,
)

# --- Pages ----------------------------------------------------------------------------


def forums_with_counts(forums: QuerySet[Forum], today: dt.date | None = None) -> QuerySet[Forum]:
    """Forums annotated with their open issues, the referred issues waiting in their
    inbox and how many of those are overdue (subqueries: no join fan-out)."""
    today = today or timezone.localdate()

    def count(condition: Q):
        return Coalesce(
            Subquery(
                Issue.objects.filter(condition, current_forum=OuterRef("pk"))
                .order_by()
                .values("current_forum")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        )

    return forums.annotate(
        open_count=count(Q(status__in=OPEN_ISSUE_STATUSES)),
        inbox_count=count(Q(status=IssueStatus.REFERRED)),
        overdue_count=count(Q(status=IssueStatus.REFERRED, due_on__lt=today)),
    )


def issue_list_queryset(issues: QuerySet[Issue]) -> QuerySet[Issue]:
    """What an issue table shows, in one query."""
    return issues.select_related("origin_forum", "current_forum", "category").annotate(
        merged_count=Count("merged_issues", distinct=True)
    )


def forum_inbox(forum: Forum, today: dt.date | None = None) -> QuerySet[Issue]:
    """Open issues now at `forum`: referred ones waiting first, overdue before the
    rest; then the forum's own work, highest priority first."""
    today = today or timezone.localdate()
    return (
        issue_list_queryset(forum.current_issues.filter(status__in=OPEN_ISSUE_STATUSES))
        .annotate(
            inbox_rank=Case(
                When(status=IssueStatus.REFERRED, due_on__lt=today, then=Value(0)),
                When(status=IssueStatus.REFERRED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("inbox_rank", "due_on", "-priority", "pk")
    )


def issue_timeline(issue: Issue):
    return issue.events.select_related("actor", "from_forum", "to_forum", "related_issue")


def issue_path(issue: Issue):
    """The forums the issue itself passed through (not those of merged issues)."""
    return issue.stops.filter(via_merge=False).select_related("forum")


def latest_guidance(issue: Issue):
    return (
        issue.events.filter(kind=IssueEventKind.RETURNED)
        .select_related("actor", "from_forum")
        .order_by("-at", "-pk")
        .first()
    )


def seats_by_category(forum: Forum, today: dt.date | None = None) -> list[dict]:
    """The forum's current composition grouped as the programme's three categories."""
    today = today or timezone.localdate()
    seats = list(forum.seats.current(today).select_related("membership__person"))
    return [
        {
            "category": category,
            "label": category.label,
            "seats": [seat for seat in seats if seat.category == category],
        }
        for category in SeatCategory
    ]


# --- For other parts of the portal ----------------------------------------------------


@dataclass(frozen=True)
class ForumSessionSummary:
    forum_id: int | None
    sessions: int
    last_held_on: dt.date | None

    @property
    def has_met(self) -> bool:
        return self.sessions > 0


def neighborhood_forum_sessions(
    club_ids: Iterable[int], since: dt.date
) -> dict[int, ForumSessionSummary]:
    """For each club: its neighborhood forum, how many sessions it held on or after
    `since`, and the latest one. Clubs whose neighborhood has no forum (or no session)
    get zero. Two queries whatever the number of clubs."""
    club_ids = list(club_ids)
    from clubs.models import Club

    forum_of_club = dict(
        Club.objects.filter(pk__in=club_ids)
        .filter(neighborhood__forums__level=ForumLevel.NEIGHBORHOOD)
        .values_list("pk", "neighborhood__forums")
    )
    counts = {
        row["forum"]: row
        for row in ForumSession.objects.filter(
            forum__in=set(forum_of_club.values()), held_on__gte=since
        )
        .values("forum")
        .annotate(sessions=Count("pk"), last_held_on=Max("held_on"))
        .order_by()
    }
    result = {}
    for club_id in club_ids:
        forum_id = forum_of_club.get(club_id)
        row = counts.get(forum_id, {})
        result[club_id] = ForumSessionSummary(
            forum_id=forum_id,
            sessions=row.get("sessions", 0),
            last_held_on=row.get("last_held_on"),
        )
    return result


# --- Statistics -----------------------------------------------------------------------


@dataclass
class LevelRow:
    level: str
    label: str
    raised: int = 0
    resolved: int = 0
    median_days: float | None = None


@dataclass
class CategoryRow:
    category_id: int | None
    name: str
    raised: int = 0
    resolved: int = 0
    resolved_locally: int = 0
    referred: int = 0
    median_days: float | None = None


@dataclass
class IssueStatistics:
    total: int = 0
    open: int = 0
    resolved: int = 0
    resolved_locally: int = 0  # at the forum that raised it, never referred
    resolved_after_referral: int = 0
    referred: int = 0  # referred up at least once
    overdue: int = 0
    median_days: float | None = None
    by_level: list[LevelRow] = field(default_factory=list)
    by_category: list[CategoryRow] = field(default_factory=list)

    @property
    def local_share(self) -> float | None:
        """Of the resolved issues, the share resolved where they were raised."""
        return self.resolved_locally / self.resolved if self.resolved else None

    @property
    def referred_share(self) -> float | None:
        """Of all issues, the share referred to a higher level at least once."""
        return self.referred / self.total if self.total else None


def issue_statistics(issues: QuerySet[Issue], today: dt.date | None = None) -> IssueStatistics:
    """Raised / resolved per level, resolved locally vs referred, median days to
    resolution, per category. `issues` is the caller's scope (a `for_user` queryset);
    roll-up items are counted through the issues they merged. Four queries."""
    today = today or timezone.localdate()
    issues = issues.for_statistics().order_by()
    resolved = Q(status=IssueStatus.RESOLVED)
    locally = resolved & Q(referral_count=0)
    totals = issues.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_ISSUE_STATUSES)),
        resolved=Count("pk", filter=resolved),
        resolved_locally=Count("pk", filter=locally),
        referred=Count("pk", filter=Q(referral_count__gt=0)),
        overdue=Count("pk", filter=Q(status=IssueStatus.REFERRED, due_on__lt=today)),
        median_days=Median("resolution_days"),
    )
    stats = IssueStatistics(
        **totals, resolved_after_referral=totals["resolved"] - totals["resolved_locally"]
    )

    rows = {level: LevelRow(level, ForumLevel(level).label) for level in LEVEL_ORDER}
    for row in issues.values("origin_forum__level").annotate(n=Count("pk")):
        rows[row["origin_forum__level"]].raised = row["n"]
    for row in (
        issues.filter(resolved)
        .values("resolved_forum__level")
        .annotate(n=Count("pk"), median=Median("resolution_days"))
    ):
        rows[row["resolved_forum__level"]].resolved = row["n"]
        rows[row["resolved_forum__level"]].median_days = row["median"]
    stats.by_level = list(rows.values())

    stats.by_category = [
        CategoryRow(
            category_id=row["category"],
            name=row["category__name"] or "",
            raised=row["raised"],
            resolved=row["resolved"],
            resolved_locally=row["resolved_locally"],
            referred=row["referred"],
            median_days=row["median"],
        )
        for row in issues.values("category", "category__name")
        .annotate(
            raised=Count("pk"),
            resolved=Count("pk", filter=resolved),
            resolved_locally=Count("pk", filter=locally),
            referred=Count("pk", filter=Q(referral_count__gt=0)),
            median=Median("resolution_days"),
        )
        .order_by("-raised", "category__name")
    ]
    return stats


# --- Policies -------------------------------------------------------------------------


@dataclass
class CoverageRow:
    level: str
    label: str
    total: int
    acknowledged: int

    @property
    def share(self) -> float | None:
        return self.acknowledged / self.total if self.total else None


def policy_coverage(adoptions: QuerySet[PolicyAdoption]) -> list[CoverageRow]:
    """Per level of the receiving forums: how many received and acknowledged (one
    aggregate query). Pass `policy.adoptions` narrowed to the reader's scope."""
    rows = {
        row["forum__level"]: row
        for row in adoptions.order_by()
        .values("forum__level")
        .annotate(
            total=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
        )
    }
    return [
        CoverageRow(
            level, ForumLevel(level).label, rows[level]["total"], rows[level]["acknowledged"]
        )
        for level in reversed(LEVEL_ORDER)
        if level in rows
    ]


# --- Home page ------------------------------------------------------------------------


def home_counts(user, today: dt.date | None = None) -> dict[str, int]:
    """For the home page: forums the user reads, referred issues waiting at forums the
    user runs, and referrals past their due date in the user's scope. Two queries."""
    from forums.scoping import SECRETARIAT_ROLES

    today = today or timezone.localdate()
    runs_forums = user.has_role(*SECRETARIAT_ROLES)
    overdue = Q(status=IssueStatus.REFERRED, due_on__lt=today)
    aggregates = {"overdue": Count("pk", filter=overdue)}
    if runs_forums:
        run = Forum.objects.for_user(user, "change").values("pk")
        aggregates["waiting"] = Count(
            "pk", filter=Q(status=IssueStatus.REFERRED, current_forum__in=run)
        )
    counts = Issue.objects.for_user(user).aggregate(**aggregates)
    return {
        "forums": Forum.objects.for_user(user).count(),
        "runs_forums": int(runs_forums),
        "waiting": counts.get("waiting", 0),
        "overdue": counts["overdue"],
    }
