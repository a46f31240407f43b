"""Computing indicators (شاخص‌ها) per region and Jalali period.

Each computation returns, for every (region, period), a numerator and a denominator;
the indicator scales their ratio (×۱۰۰ for percentages). Every computation is two
aggregate queries whatever the number of clubs and periods: rows are grouped by the
region in SQL and each period is one conditional aggregate column
(`Count(..., filter=Q(date__range=period.range))`). Nothing loops over clubs in Python.

Built-in computations live in `REGISTRY`. Another app adds its own with
`register_computation` (the forums app adds `issues_resolved_locally` from its
ready()). Survey-based indicators (share of responses with an answer, mean of a
numeric or Likert question) are computed by `survey_fractions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from clubs.models import (
    Club,
    ClubStatus,
    Meeting,
    MeetingKind,
    Membership,
    OfficerRole,
    OfficerTerm,
    ThematicGroup,
)
from core.periods import JalaliMonth, JalaliSeason

# Region levels a table can be grouped by: the path from Club to that level's key.
LEVEL_PATHS = {
    "province": "neighborhood__county__province",
    "university": "neighborhood__county__university",
    "county": "neighborhood__county",
    "club": "pk",
}
LEVEL_LABELS = {
    "province": _("استان"),
    "university": _("دانشگاه"),
    "county": _("شهرستان"),
    "club": _("کانون"),
}

Period = JalaliMonth | JalaliSeason
# (region key or None for the whole selection, period key) → (numerator, denominator)
Fractions = dict[tuple[int | None, str], tuple[Decimal, Decimal]]


@dataclass(frozen=True)
class Computation:
    key: str
    label: str
    description: str
    numerator_label: str
    denominator_label: str
    unit: str  # a default for new indicators: percent, ratio or score
    function: Callable[[QuerySet[Club], Sequence[Period], str | None], Fractions]


def _group(rows, periods: Sequence[Period], key: str = "g") -> dict[tuple, Decimal]:
    values = {}
    for row in rows:
        for i, period in enumerate(periods):
            values[(row.get(key), period.key)] = Decimal(row[f"p{i}"] or 0)
    return values


def _grouped(queryset: QuerySet, path: str | None, aggregates: dict) -> list[dict]:
    """Aggregate `queryset` per region (`path`) or over everything (None)."""
    queryset = queryset.order_by()
    if path is None:
        return [queryset.aggregate(**aggregates)]
    return list(queryset.values(g=F(path)).annotate(**aggregates))


def _span(periods: Sequence[Period]) -> tuple[dt.date, dt.date]:
    return min(p.start for p in periods), max(p.end for p in periods)


def _join(numerators: dict, denominators: dict) -> Fractions:
    keys = set(numerators) | set(denominators)
    return {k: (numerators.get(k, Decimal(0)), denominators.get(k, Decimal(0))) for k in keys}


def _club_path(level: str | None, prefix: str = "") -> str | None:
    if level is None:
        return None
    path = LEVEL_PATHS[level]
    if not prefix:
        return path
    return prefix.rstrip("_") if path == "pk" else f"{prefix}{path}"


def clubs_existing(period: Period) -> Q:
    """A club counts in a period when it is not closed and was founded by its end
    (a club with no founding date counts in every period)."""
    return ~Q(status=ClubStatus.CLOSED) & (
        Q(founded_on__isnull=True) | Q(founded_on__lte=period.end)
    )


def club_denominators(clubs: QuerySet[Club], periods: Sequence[Period], level: str | None):
    aggregates = {f"p{i}": Count("pk", filter=clubs_existing(p)) for i, p in enumerate(periods)}
    return _group(_grouped(clubs, _club_path(level), aggregates), periods)


def _existing_via(prefix: str, period: Period) -> Q:
    return ~Q(**{f"{prefix}status": ClubStatus.CLOSED}) & (
        Q(**{f"{prefix}founded_on__isnull": True}) | Q(**{f"{prefix}founded_on__lte": period.end})
    )


def _clubs_with_meetings(kind: str | None):
    def compute(clubs, periods, level):
        start, end = _span(periods)
        meetings = Meeting.objects.filter(club__in=clubs, held_on__range=(start, end))
        if kind is not None:
            meetings = meetings.filter(kind=kind)
        aggregates = {
            f"p{i}": Count(
                "club", distinct=True, filter=Q(held_on__range=p.range) & _existing_via("club__", p)
            )
            for i, p in enumerate(periods)
        }
        numerators = _group(_grouped(meetings, _club_path(level, "club__"), aggregates), periods)
        return _join(numerators, club_denominators(clubs, periods, level))

    return compute


def _active_memberships(period: Period, prefix: str = "", at_end: bool = False) -> Q:
    """Memberships current during the period (or on its last day)."""
    left_after = period.end if at_end else period.start
    condition = Q(**{f"{prefix}joined_on__lte": period.end}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": left_after})
    )
    return condition


def members_trained(clubs, periods, level):
    """Members who attended a training meeting (Meeting.kind == training) in the
    period ÷ members current during the period."""
    start, end = _span(periods)
    attendance = Meeting.attendees.through.objects.filter(
        meeting__club__in=clubs,
        meeting__kind=MeetingKind.TRAINING,
        meeting__held_on__range=(start, end),
    )
    aggregates = {
        f"p{i}": Count(
            "membership",
            distinct=True,
            filter=Q(meeting__held_on__range=p.range) & _active_memberships(p, "membership__"),
        )
        for i, p in enumerate(periods)
    }
    numerators = _group(
        _grouped(attendance, _club_path(level, "meeting__club__"), aggregates), periods
    )
    memberships = Membership.objects.filter(club__in=clubs, joined_on__lte=end)
    aggregates = {
        f"p{i}": Count("pk", filter=_active_memberships(p)) for i, p in enumerate(periods)
    }
    denominators = _group(_grouped(memberships, _club_path(level, "club__"), aggregates), periods)
    return _join(numerators, denominators)


def members_per_club(clubs, periods, level):
    """Members on the period's last day ÷ clubs existing then."""
    _start, end = _span(periods)
    memberships = Membership.objects.filter(club__in=clubs, joined_on__lte=end)
    aggregates = {
        f"p{i}": Count(
            "pk", filter=_active_memberships(p, at_end=True) & _existing_via("club__", p)
        )
        for i, p in enumerate(periods)
    }
    numerators = _group(_grouped(memberships, _club_path(level, "club__"), aggregates), periods)
    return _join(numerators, club_denominators(clubs, periods, level))


def clubs_with_secretary(clubs, periods, level):
    """Clubs with a secretary in office on the period's last day ÷ clubs existing then."""
    _start, end = _span(periods)
    terms = OfficerTerm.objects.filter(
        club__in=clubs, role=OfficerRole.SECRETARY, elected_on__lte=end
    )
    aggregates = {
        f"p{i}": Count(
            "club",
            distinct=True,
            filter=Q(elected_on__lte=p.end)
            & (Q(ended_on__isnull=True) | Q(ended_on__gte=p.end))
            & _existing_via("club__", p),
        )
        for i, p in enumerate(periods)
    }
    numerators = _group(_grouped(terms, _club_path(level, "club__"), aggregates), periods)
    return _join(numerators, club_denominators(clubs, periods, level))


def clubs_with_groups(clubs, periods, level):
    """Clubs with at least one thematic group active on the period's last day."""
    _start, end = _span(periods)
    groups = ThematicGroup.objects.filter(club__in=clubs, formed_on__lte=end)
    aggregates = {
        f"p{i}": Count(
            "club",
            distinct=True,
            filter=Q(formed_on__lte=p.end)
            & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=p.end))
            & _existing_via("club__", p),
        )
        for i, p in enumerate(periods)
    }
    numerators = _group(_grouped(groups, _club_path(level, "club__"), aggregates), periods)
    return _join(numerators, club_denominators(clubs, periods, level))


REGISTRY: dict[str, Computation] = {}


def register_computation(computation: Computation) -> None:
    """Add or replace a computation (another app's AppConfig.ready() calls this)."""
    REGISTRY[computation.key] = computation


for _computation in (
    Computation(
        "clubs_with_meeting",
        _("سهم کانون‌های دارای جلسه"),
        _("کانون‌هایی که در دوره دست‌کم یک جلسه (از هر نوع) ثبت کرده‌اند، به همه کانون‌ها."),
        _("کانون‌های دارای جلسه در دوره"),
        _("کانون‌های موجود (منحل‌نشده)"),
        "percent",
        _clubs_with_meetings(None),
    ),
    Computation(
        "clubs_with_forum_session",
        _("سهم کانون‌هایی که مجمع سلامت محله برگزار کرده‌اند"),
        _("کانون‌هایی که در دوره جلسه مجمع سلامت محله ثبت کرده‌اند (راهبرد ۵)."),
        _("کانون‌های دارای جلسه مجمع در دوره"),
        _("کانون‌های موجود (منحل‌نشده)"),
        "percent",
        _clubs_with_meetings(MeetingKind.FORUM),
    ),
    Computation(
        "members_trained",
        _("سهم اعضای آموزش‌دیده"),
        _(
            "اعضایی که در دوره در دست‌کم یک جلسه آموزشی حاضر بوده‌اند، به اعضای عضو در دوره (راهبرد ۷)."
        ),
        _("اعضای حاضر در جلسه آموزشی"),
        _("اعضای کانون‌ها در دوره"),
        "percent",
        members_trained,
    ),
    Computation(
        "members_per_club",
        _("میانگین اعضا در هر کانون"),
        _("اعضای کانون‌ها در روز پایانی دوره، به تعداد کانون‌ها."),
        _("اعضا در پایان دوره"),
        _("کانون‌های موجود"),
        "ratio",
        members_per_club,
    ),
    Computation(
        "clubs_with_secretary",
        _("سهم کانون‌های دارای دبیر"),
        _("کانون‌هایی که در روز پایانی دوره دبیر در حال تصدی دارند (راهبرد ۵)."),
        _("کانون‌های دارای دبیر"),
        _("کانون‌های موجود"),
        "percent",
        clubs_with_secretary,
    ),
    Computation(
        "clubs_with_groups",
        _("سهم کانون‌های دارای گروه موضوعی فعال"),
        _("کانون‌هایی که در روز پایانی دوره دست‌کم یک گروه موضوعی فعال دارند."),
        _("کانون‌های دارای گروه موضوعی"),
        _("کانون‌های موجود"),
        "percent",
        clubs_with_groups,
    ),
):
    register_computation(_computation)


def computation_choices() -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in REGISTRY.values()]


# --- Survey-based indicators ------------------------------------------------------------------


def survey_fractions(indicator, clubs: QuerySet[Club], periods: Sequence[Period], level):
    """Share of submitted responses giving `answer_value` to the question (among
    those that answered it), or the mean of a numeric/Likert question; periods by the
    response's submission day."""
    from surveys.models import Answer, ResponseStatus, SurveyMeasure

    start, end = _span(periods)
    answers = Answer.objects.filter(
        response__status=ResponseStatus.SUBMITTED,
        response__club__in=clubs,
        response__submitted_on__range=(start, end),
        response__version__questionnaire=indicator.questionnaire_id,
        question__name=indicator.question_name,
    )
    if indicator.campaign_id:
        answers = answers.filter(response__campaign=indicator.campaign_id)
    path = _club_path(level, "response__club__")

    def in_period(p):
        return Q(response__submitted_on__range=p.range)

    if indicator.survey_measure == SurveyMeasure.MEAN:
        answers = answers.filter(number_value__isnull=False)
        numerators = _group(
            _grouped(
                answers,
                path,
                {f"p{i}": Sum("number_value", filter=in_period(p)) for i, p in enumerate(periods)},
            ),
            periods,
        )
        denominators = _group(
            _grouped(
                answers,
                path,
                {f"p{i}": Count("pk", filter=in_period(p)) for i, p in enumerate(periods)},
            ),
            periods,
        )
    else:
        numerators = _group(
            _grouped(
                answers.filter(choice_value=indicator.answer_value),
                path,
                {
                    f"p{i}": Count("response", distinct=True, filter=in_period(p))
                    for i, p in enumerate(periods)
                },
            ),
            periods,
        )
        denominators = _group(
            _grouped(
                answers,
                path,
                {
                    f"p{i}": Count("response", distinct=True, filter=in_period(p))
                    for i, p in enumerate(periods)
                },
            ),
            periods,
        )
    return _join(numerators, denominators)


class ComputationUnavailable(Exception):
    """An indicator names a computation that is no longer in the registry."""


def indicator_fractions(
    indicator, clubs: QuerySet[Club], periods: Sequence[Period], level: str | None
) -> Fractions:
    """Numerators and denominators of `indicator` over `clubs` (already scoped)."""
    from surveys.models import IndicatorSource

    if not periods:
        return {}
    if indicator.source == IndicatorSource.SURVEY:
        return survey_fractions(indicator, clubs, periods, level)
    computation = REGISTRY.get(indicator.computation)
    if computation is None:
        raise ComputationUnavailable(indicator.computation)
    return computation.function(clubs, periods, level)


# --- The table a page shows ------------------------------------------------------------------------


@dataclass
class Cell:
    numerator: Decimal
    denominator: Decimal
    value: Decimal | None
    target: Decimal | None
    met: bool | None


@dataclass
class Row:
    key: int | None
    label: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class IndicatorTable:
    periods: list[Period]
    rows: list[Row]
    total: Row
    available: bool = True


def _cell(indicator, fraction, target) -> Cell:
    numerator, denominator = fraction
    value = indicator.scaled(numerator, denominator)
    met = None
    if value is not None and target is not None:
        met = value >= target if indicator.higher_is_better else value <= target
    return Cell(numerator, denominator, value, target, met)


def region_labels(level: str, keys) -> dict[int, str]:
    from regions.models import County, MedicalUniversity, Province

    model = {"province": Province, "university": MedicalUniversity, "county": County, "club": Club}[
        level
    ]
    return dict(model.objects.filter(pk__in=keys).values_list("pk", "name"))


def indicator_table(
    indicator, clubs: QuerySet[Club], periods: Sequence[Period], level: str
) -> IndicatorTable:
    """Rows per region of `level` and a total row, one column per period, with the
    period's target: two aggregate queries per grouping, one for targets, one for
    region names."""
    periods = list(periods)
    targets = dict(
        indicator.targets.filter(period_key__in=[p.key for p in periods]).values_list(
            "period_key", "value"
        )
    )

    def target_for(period):
        return targets.get(period.key, indicator.default_target)

    try:
        grouped = indicator_fractions(indicator, clubs, periods, level)
        overall = indicator_fractions(indicator, clubs, periods, None)
    except ComputationUnavailable:
        return IndicatorTable(periods, [], Row(None, str(_("کل"))), available=False)
    keys = sorted({k for k, _p in grouped if k is not None})
    labels = region_labels(level, keys)
    zero = (Decimal(0), Decimal(0))
    rows = [
        Row(
            key,
            labels.get(key, str(key)),
            [_cell(indicator, grouped.get((key, p.key), zero), target_for(p)) for p in periods],
        )
        for key in keys
    ]
    rows.sort(key=lambda row: row.label)
    total = Row(
        None,
        str(_("کل محدوده")),
        [_cell(indicator, overall.get((None, p.key), zero), target_for(p)) for p in periods],
    )
    return IndicatorTable(periods, rows, total)
