"""Reads of the rollout app: a club's checklist, the university board, roll-ups per
county / university / province / nation, and the home page's rollout counts.

Boards and roll-ups read the summary tables (`ClubRollout`, `StrategySummary`) with
aggregate queries, never the activity rows, so they stay fast at national scale. A
club the sync has not reached yet has no summary: it counts as in phase 1 with
nothing done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from clubs.models import Club
from clubs.rollout.models import (
    ALL_PHASES_COMPLETE,
    CLUB_TEAM,
    CLUB_TEAM_ROLES,
    DONE_STATUSES,
    VERIFY,
    ActivityProgress,
    ClubRollout,
    Phase,
    ProgressStatus,
    Strategy,
    StrategySummary,
    TemplateVersion,
)

PHASE_NUMBERS = (1, 2, 3, 4, ALL_PHASES_COMPLETE)
COMPLETE_LABEL = _("همه فازها کامل")

# Roles that see roll-ups and the phase distribution on their home page.
REGION_ROLES = (
    Role.MINISTRY_ADMIN,
    Role.UNIVERSITY_STAFF,
    Role.PROVINCE_SECRETARIAT,
    Role.COUNTY_SECRETARIAT,
)


def share(part: int | None, whole: int | None) -> float | None:
    if not whole:
        return None
    return (part or 0) / whole


CURRENT_LABELS_CACHE_KEY = "rollout:current-phase-labels"
CURRENT_LABELS_TTL = 10 * 60


def phase_labels(version: TemplateVersion | None = None) -> dict[int, str]:
    """Phase number → "فاز ۱: …" from `version` (default: the current one, cached for a
    few minutes; publishing a version clears the cache)."""
    if version is None:
        labels = cache.get(CURRENT_LABELS_CACHE_KEY)
        if labels is None:
            labels = _labels(_current_phases())
            if len(labels) > 1:  # never cache "no version published yet"
                cache.set(CURRENT_LABELS_CACHE_KEY, labels, CURRENT_LABELS_TTL)
        return labels
    return _labels(Phase.objects.filter(version=version))


def _labels(phases: QuerySet[Phase]) -> dict[int, str]:
    labels = {phase.number: str(phase) for phase in phases.order_by("number")}
    labels[ALL_PHASES_COMPLETE] = str(COMPLETE_LABEL)
    return labels


def _current_phases() -> QuerySet[Phase]:
    """The phases of the latest published version, in one query."""
    latest = TemplateVersion.objects.published().order_by("-number").values("pk")[:1]
    return Phase.objects.filter(version=Subquery(latest))


def phase_columns(version: TemplateVersion | None = None) -> list[tuple[int, str, str]]:
    """(number, short label, full label) for table headers: «فاز ۱» … «کامل»."""
    from core.text import persian_digits

    columns = []
    for number, label in phase_labels(version).items():
        short = (
            _("کامل")
            if number == ALL_PHASES_COMPLETE
            else _("فاز %(n)s") % {"n": persian_digits(number)}
        )
        columns.append((number, str(short), label))
    return columns


def strategy_headers(version: TemplateVersion | None = None) -> list[Strategy]:
    """The strategies of the current version (the board's and roll-ups' columns)."""
    if version is not None:
        strategies = Strategy.objects.filter(phase__version=version)
    else:
        strategies = Strategy.objects.filter(phase__in=_current_phases())
    return list(strategies.select_related("phase").order_by("phase__number", "number"))


# --- A club's checklist ---------------------------------------------------------------


@dataclass
class ChecklistStrategy:
    strategy: Strategy
    items: list[ActivityProgress] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return sum(1 for i in self.items if i.status != ProgressStatus.NOT_APPLICABLE)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.status in DONE_STATUSES)

    @property
    def verified(self) -> int:
        return sum(1 for i in self.items if i.status == ProgressStatus.VERIFIED)

    @property
    def done_share(self) -> float:
        return share(self.done, self.applicable) if self.applicable else 1.0

    @property
    def verified_share(self) -> float:
        return share(self.verified, self.applicable) if self.applicable else 1.0


@dataclass
class ChecklistPhase:
    phase: Phase
    strategies: list[ChecklistStrategy] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return sum(s.applicable for s in self.strategies)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.strategies)

    @property
    def verified(self) -> int:
        return sum(s.verified for s in self.strategies)

    @property
    def done_share(self) -> float:
        return share(self.done, self.applicable) if self.applicable else 1.0

    @property
    def verified_share(self) -> float:
        return share(self.verified, self.applicable) if self.applicable else 1.0


@dataclass
class Checklist:
    rollout: ClubRollout
    phases: list[ChecklistPhase]

    @property
    def items(self) -> list[ActivityProgress]:
        return [item for phase in self.phases for s in phase.strategies for item in s.items]


def club_checklist(rollout: ClubRollout) -> Checklist:
    """The club's rows of the version it follows, grouped phase → strategy (one query)."""
    rows = (
        ActivityProgress.objects.filter(
            club_id=rollout.club_id, activity__strategy__phase__version_id=rollout.version_id
        )
        .select_related("activity__strategy__phase", "sent_back_by")
        .annotate(evidence_count=Count("evidence"))
        .order_by(
            "activity__strategy__phase__number", "activity__strategy__number", "activity__number"
        )
    )
    phases: dict[int, ChecklistPhase] = {}
    strategies: dict[int, ChecklistStrategy] = {}
    for row in rows:
        strategy = row.activity.strategy
        phase = phases.setdefault(strategy.phase_id, ChecklistPhase(strategy.phase))
        if strategy.pk not in strategies:
            strategies[strategy.pk] = ChecklistStrategy(strategy)
            phase.strategies.append(strategies[strategy.pk])
        strategies[strategy.pk].items.append(row)
    return Checklist(rollout=rollout, phases=list(phases.values()))


# --- The board ------------------------------------------------------------------------


def board_clubs(
    user,
    *,
    university=None,
    county=None,
    phase: int | None = None,
    q: str = "",
) -> QuerySet[Club]:
    """The clubs of the board (scoped), with their summary joined in."""
    clubs = Club.objects.for_user(user).select_related(
        "neighborhood__county__university", "rollout__version"
    )
    if university is not None:
        clubs = clubs.filter(neighborhood__county__university=university)
    if county is not None:
        clubs = clubs.filter(neighborhood__county=county)
    if phase is not None:
        condition = Q(rollout__current_phase=phase)
        if phase == 1:
            condition |= Q(rollout__isnull=True)
        clubs = clubs.filter(condition)
    if q:
        clubs = clubs.filter(Q(name__icontains=q) | Q(neighborhood__name__icontains=q))
    return clubs.order_by("neighborhood__county__name", "name", "pk")


@dataclass
class BoardCell:
    strategy_number: int
    summary: StrategySummary | None

    @property
    def applicable(self) -> int:
        return self.summary.applicable if self.summary else 0

    @property
    def done(self) -> int:
        return self.summary.done if self.summary else 0

    @property
    def verified(self) -> int:
        return self.summary.verified if self.summary else 0

    @property
    def done_share(self) -> float:
        return self.summary.done_share if self.summary else 0.0

    @property
    def verified_share(self) -> float:
        return self.summary.verified_share if self.summary else 0.0

    @property
    def band(self) -> str:
        """Colour band (the cell also shows its numbers: colour is never alone)."""
        if self.summary is None or (self.done == 0 and self.applicable):
            return "none"
        if self.verified_share >= 1:
            return "verified"
        if self.done_share >= 1:
            return "done"
        return "partial"


@dataclass
class BoardRow:
    club: Club
    rollout: ClubRollout | None
    cells: list[BoardCell]

    @property
    def current_phase(self) -> int:
        return self.rollout.current_phase if self.rollout else 1

    @property
    def reported_phase(self) -> int:
        return self.rollout.reported_phase if self.rollout else 1

    @property
    def is_complete(self) -> bool:
        return self.current_phase >= ALL_PHASES_COMPLETE

    @property
    def reported_complete(self) -> bool:
        return self.reported_phase >= ALL_PHASES_COMPLETE

    @property
    def done_share(self) -> float:
        return self.rollout.done_share if self.rollout else 0.0

    @property
    def verified_share(self) -> float:
        return self.rollout.verified_share if self.rollout else 0.0

    @property
    def waiting(self) -> int:
        return self.rollout.waiting_count if self.rollout else 0

    @property
    def returned(self) -> int:
        return self.rollout.returned_count if self.rollout else 0


def board_rows(clubs: list[Club], strategy_numbers: list[int]) -> list[BoardRow]:
    """Rows for the clubs of one page: one query for all their strategy summaries."""
    by_club: dict[int, dict[int, StrategySummary]] = defaultdict(dict)
    for summary in StrategySummary.objects.filter(club_id__in=[c.pk for c in clubs]):
        by_club[summary.club_id][summary.strategy_number] = summary
    rows = []
    for club in clubs:
        rollout = getattr(club, "rollout", None) if _has_rollout(club) else None
        summaries = by_club.get(club.pk, {})
        rows.append(
            BoardRow(
                club=club,
                rollout=rollout,
                cells=[BoardCell(n, summaries.get(n)) for n in strategy_numbers],
            )
        )
    return rows


def _has_rollout(club: Club) -> bool:
    try:
        club.rollout  # noqa: B018 - joined by select_related
    except ClubRollout.DoesNotExist:
        return False
    return True


# --- Roll-ups -------------------------------------------------------------------------

GROUPINGS = {
    "province": ("neighborhood__county__province_id", "neighborhood__county__province__name"),
    "university": ("neighborhood__county__university_id", "neighborhood__county__university__name"),
    "county": ("neighborhood__county_id", "neighborhood__county__name"),
}


@dataclass
class StrategyRollup:
    number: int
    clubs: int  # clubs in the group (the denominator)
    complete: int  # clubs with every applicable activity done or verified
    verified_complete: int  # … with every applicable activity verified
    applicable: int
    done: int
    verified: int

    @property
    def complete_share(self) -> float | None:
        return share(self.complete, self.clubs)

    @property
    def verified_complete_share(self) -> float | None:
        return share(self.verified_complete, self.clubs)

    @property
    def done_share(self) -> float | None:
        return share(self.done, self.applicable)

    @property
    def verified_share(self) -> float | None:
        return share(self.verified, self.applicable)


@dataclass
class RollupRow:
    key: int | None
    name: str
    clubs: int
    verified_phases: dict[int, int]  # phase → clubs (by verified items)
    reported_phases: dict[int, int]  # phase → clubs (done counts too)
    strategies: list[StrategyRollup] = field(default_factory=list)

    def verified_phase_shares(self) -> list[tuple[int, int, float | None]]:
        return [
            (n, self.verified_phases[n], share(self.verified_phases[n], self.clubs))
            for n in PHASE_NUMBERS
        ]

    def reported_phase_shares(self) -> list[tuple[int, int, float | None]]:
        return [
            (n, self.reported_phases[n], share(self.reported_phases[n], self.clubs))
            for n in PHASE_NUMBERS
        ]


def _phase_counts() -> dict:
    annotations = {"clubs": Count("pk")}
    for n in PHASE_NUMBERS:
        for basis, field_name in (("verified", "current_phase"), ("reported", "reported_phase")):
            condition = Q(**{f"rollout__{field_name}": n})
            if n == 1:
                condition |= Q(rollout__isnull=True)
            annotations[f"{basis}_{n}"] = Count("pk", filter=condition)
    return annotations


def _strategy_counts() -> dict:
    return {
        "with_summary": Count("pk"),
        "complete": Count("pk", filter=Q(done__gte=F("applicable"))),
        "verified_complete": Count("pk", filter=Q(verified__gte=F("applicable"))),
        "applicable_sum": Sum("applicable"),
        "done_sum": Sum("done"),
        "verified_sum": Sum("verified"),
    }


def rollup(
    user, *, group_by: str | None = None, clubs: QuerySet[Club] | None = None
) -> list[RollupRow]:
    """Share of clubs in each phase and per-strategy completion, for the whole scope
    (`group_by=None`: one row) or per province / university / county. Two aggregate
    queries whatever the number of clubs."""
    clubs = Club.objects.for_user(user) if clubs is None else clubs
    if group_by is None:
        key_field = name_field = None
        phase_rows = [clubs.aggregate(**_phase_counts())]
    else:
        key_field, name_field = GROUPINGS[group_by]
        phase_rows = list(
            clubs.values(key_field, name_field).annotate(**_phase_counts()).order_by(name_field)
        )
    summaries = StrategySummary.objects.filter(club__in=clubs.values("pk"))
    strategy_values = ["strategy_number"] + ([f"club__{key_field}"] if key_field else [])
    strategy_rows = summaries.values(*strategy_values).annotate(**_strategy_counts())
    by_group: dict[int | None, dict[int, dict]] = defaultdict(dict)
    for row in strategy_rows:
        group = row.get(f"club__{key_field}") if key_field else None
        by_group[group][row["strategy_number"]] = row
    numbers = sorted({n for group in by_group.values() for n in group}) or list(range(1, 13))
    result = []
    for row in phase_rows:
        key = row.get(key_field) if key_field else None
        name = row.get(name_field) if name_field else str(_("کل محدوده"))
        clubs_count = row["clubs"] or 0
        strategies = []
        for number in numbers:
            counts = by_group.get(key, {}).get(number, {})
            strategies.append(
                StrategyRollup(
                    number=number,
                    clubs=clubs_count,
                    complete=counts.get("complete", 0),
                    verified_complete=counts.get("verified_complete", 0),
                    applicable=counts.get("applicable_sum") or 0,
                    done=counts.get("done_sum") or 0,
                    verified=counts.get("verified_sum") or 0,
                )
            )
        result.append(
            RollupRow(
                key=key,
                name=name,
                clubs=clubs_count,
                verified_phases={n: row.get(f"verified_{n}") or 0 for n in PHASE_NUMBERS},
                reported_phases={n: row.get(f"reported_{n}") or 0 for n in PHASE_NUMBERS},
                strategies=strategies,
            )
        )
    return result


# --- Home page ------------------------------------------------------------------------


def waiting_for_verification(user) -> QuerySet[ActivityProgress]:
    """Items marked done that the user (university staff) may verify."""
    return (
        ActivityProgress.objects.for_user(user, VERIFY)
        .of_followed_version()
        .waiting_for_verification()
    )


def sent_back_to(user) -> QuerySet[ActivityProgress]:
    """Items the university sent back, in the clubs the user works for."""
    return ActivityProgress.objects.for_user(user, CLUB_TEAM).of_followed_version().sent_back()


HOME_SENT_BACK_SHOWN = 10


@dataclass(frozen=True)
class SentBack:
    items: list[ActivityProgress]  # the latest few, for the home page list
    count: int


def sent_back_summary(user) -> SentBack:
    """The latest items sent back to `user` and how many there are: one query when
    there are only a few. Read once per user object (the home page's count and list)."""
    cached = getattr(user, "_rollout_sent_back", None)
    if cached is not None:
        return cached
    items = list(
        sent_back_to(user)
        .select_related("club", "activity__strategy", "sent_back_by")
        .order_by("-sent_back_at", "-pk")[: HOME_SENT_BACK_SHOWN + 1]
    )
    count = len(items) if len(items) <= HOME_SENT_BACK_SHOWN else sent_back_to(user).count()
    user._rollout_sent_back = SentBack(items=items[:HOME_SENT_BACK_SHOWN], count=count)
    return user._rollout_sent_back


def home_rollout(user) -> dict:
    """What the home page shows about rollout for `user`'s roles."""
    data: dict = {}
    if user.has_role(*REGION_ROLES):
        counts = Club.objects.for_user(user).aggregate(**_phase_counts())
        if counts["clubs"]:
            labels = phase_labels()
            data["clubs"] = counts["clubs"]
            data["phases"] = [
                (
                    labels.get(n, n),
                    counts[f"verified_{n}"],
                    share(counts[f"verified_{n}"], counts["clubs"]),
                    counts[f"reported_{n}"],
                    share(counts[f"reported_{n}"], counts["clubs"]),
                )
                for n in PHASE_NUMBERS
            ]
    if user.has_role(*CLUB_TEAM_ROLES):
        data["sent_back"] = sent_back_summary(user).items
    return data
