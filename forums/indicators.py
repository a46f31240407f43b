"""The forums' contribution to the surveys app's indicator registry: the share of
neighborhood-forum issues resolved at the neighborhood itself (حل در سطح محله)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from clubs.models import Club
from forums.models import ForumLevel, Issue, IssueEvent, IssueEventKind
from surveys.indicators import Computation, Fractions, Period, _grouped, _join, _span

# From a neighborhood forum to each region level the indicators group by.
FORUM_LEVEL_PATHS = {
    "province": "neighborhood__county__province",
    "university": "neighborhood__county__university",
    "county": "neighborhood__county",
    "club": "neighborhood",  # a club shows its neighborhood's figure
}


def _per_period(rows, periods: Sequence[Period]) -> dict[tuple, Decimal]:
    return {
        (row.get("g"), period.key): Decimal(row[f"p{i}"] or 0)
        for row in rows
        for i, period in enumerate(periods)
    }


def issues_resolved_locally(
    clubs: QuerySet[Club], periods: Sequence[Period], level: str | None
) -> Fractions:
    """Issues of the clubs' neighborhood forums resolved at that forum in the period
    ÷ those resolved there or referred up from there in the period (each issue once
    per period). Merged roll-up items are not counted."""
    start, end = _span(periods)
    neighborhoods = clubs.values("neighborhood")
    path = FORUM_LEVEL_PATHS[level] if level else None

    resolved = Issue.objects.filter(
        origin_forum__level=ForumLevel.NEIGHBORHOOD,
        origin_forum__neighborhood__in=neighborhoods,
        resolved_forum=F("origin_forum"),
        resolved_at__date__range=(start, end),
        is_rollup=False,
    )
    resolved_counts = _per_period(
        _grouped(
            resolved,
            f"origin_forum__{path}" if path else None,
            {
                f"p{i}": Count("pk", filter=Q(resolved_at__date__range=p.range))
                for i, p in enumerate(periods)
            },
        ),
        periods,
    )
    referred = IssueEvent.objects.filter(
        kind=IssueEventKind.REFERRED,
        from_forum__level=ForumLevel.NEIGHBORHOOD,
        from_forum__neighborhood__in=neighborhoods,
        at__date__range=(start, end),
        issue__is_rollup=False,
    )
    referred_counts = _per_period(
        _grouped(
            referred,
            f"from_forum__{path}" if path else None,
            {
                f"p{i}": Count("issue", distinct=True, filter=Q(at__date__range=p.range))
                for i, p in enumerate(periods)
            },
        ),
        periods,
    )
    denominators = {
        key: resolved_counts.get(key, Decimal(0)) + referred_counts.get(key, Decimal(0))
        for key in set(resolved_counts) | set(referred_counts)
    }
    fractions = _join(resolved_counts, denominators)
    if level != "club":
        return fractions
    # Indicators per club: every club of a neighborhood shows that neighborhood's figure.
    by_club: Fractions = {}
    for club_pk, neighborhood_pk in clubs.values_list("pk", "neighborhood"):
        for period in periods:
            value = fractions.get((neighborhood_pk, period.key))
            if value is not None:
                by_club[(club_pk, period.key)] = value
    return by_club


ISSUES_RESOLVED_LOCALLY = Computation(
    "issues_resolved_locally",
    _("سهم مسائل حل‌شده در سطح محله"),
    _(
        "مسائل مجمع سلامت محله که در همان مجمع حل شده‌اند، به همه مسائلی که در دوره در"
        " محله حل یا به سطح بالاتر ارجاع شده‌اند."
    ),
    _("مسائل حل‌شده در محله"),
    _("مسائل حل‌شده یا ارجاع‌شده از محله"),
    "percent",
    issues_resolved_locally,
)
