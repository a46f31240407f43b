"""The registry of metric sources: what each part of the portal contributes to the
monthly summaries, and which dashboard panels it makes appear.

A source computes, with aggregate queries over its own tables, numbers per
(club id, Jalali month key). The clubs source (reports.sources.ClubsMetricSource)
fills the typed columns of the summary tables; any other source's numbers go into
the `extra` JSON column under its metric keys, and are rolled up to county,
university, province and nation by the same aggregate queries (SUM of the JSON
key). So an app plugs in without a migration here:

    # rollout/apps.py
    def ready(self):
        from reports.metrics import register_metric_source
        from clubs.rollout.metrics import RolloutMetricSource
        register_metric_source(RolloutMetricSource())

and calls `reports.services.summary_touch(club_id=…, on=date)` on commit whenever
its data of a club changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from django.utils.translation import gettext_lazy as _

from core.periods import JalaliMonth

FLOW = "flow"  # summed over the months of a period (e.g. meetings held)
STOCK = "stock"  # the value at the period's last month (e.g. current members)

ClubMonthValues = dict[tuple[int, str], dict[str, int]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: Literal["flow", "stock"] = FLOW
    # True for the typed columns of the summary tables (the clubs source only).
    column: bool = False


@runtime_checkable
class MetricSource(Protocol):
    """What a metric source provides. `compute` must use aggregate queries (GROUP BY
    club and month bucket — see reports.sources.month_bucket) and return, for each
    (club id, month key) it has data for, {metric key: integer}. `club_ids=None`
    means every club (the full rebuild). `months` is ascending and contiguous; the
    last is the month in progress when `today` falls in it (stocks are then as of
    `today`)."""

    name: str
    label: str
    metrics: tuple[Metric, ...]
    # Dashboard panels this source makes appear (keys of PANELS).
    panels: frozenset[str]

    def compute(
        self, *, club_ids: Collection[int] | None, months: list[JalaliMonth], today: dt.date
    ) -> ClubMonthValues: ...


@dataclass(frozen=True)
class Panel:
    """A dashboard panel drawn from metric keys, shown only when a registered
    source declares it and provides every key."""

    key: str
    title: str
    metric_keys: tuple[str, ...]
    chart: Literal["bar", "funnel"] = "bar"


# The panels that wait for the apps being built on other branches. Their metric
# keys are the contract: the source registering the panel must provide them.
PANELS: dict[str, Panel] = {
    "phase_distribution": Panel(
        "phase_distribution",
        _("توزیع کانون‌ها در مراحل استقرار"),
        ("rollout_phase_1", "rollout_phase_2", "rollout_phase_3", "rollout_phase_4"),
    ),
    "checklist": Panel(
        "checklist",
        _("تکمیل چک‌لیست استقرار"),
        ("checklist_items_done", "checklist_items_verified", "checklist_items_total"),
    ),
    "escalation_funnel": Panel(
        "escalation_funnel",
        _("قیف ارجاع مسائل"),
        (
            "issues_raised",
            "issues_referred_county",
            "issues_referred_province",
            "issues_referred_national",
            "issues_resolved",
        ),
        chart="funnel",
    ),
    "surveys": Panel(
        "surveys",
        _("پیمایش‌ها"),
        ("survey_responses", "survey_respondents_female", "survey_respondents_male"),
    ),
}


@dataclass
class _Registry:
    sources: dict[str, MetricSource] = field(default_factory=dict)


_registry = _Registry()


def register_metric_source(source: MetricSource) -> None:
    """Add (or replace, by name) a source. Call from an AppConfig.ready()."""
    keys = {m.key for s in _registry.sources.values() if s.name != source.name for m in s.metrics}
    clash = keys & {m.key for m in source.metrics}
    if clash:
        raise ValueError(f"metric keys already registered: {sorted(clash)}")
    _registry.sources[source.name] = source


def unregister_metric_source(name: str) -> None:
    _registry.sources.pop(name, None)


def metric_sources() -> list[MetricSource]:
    return list(_registry.sources.values())


def all_metrics() -> list[Metric]:
    return [metric for source in metric_sources() for metric in source.metrics]


def extra_metrics() -> list[Metric]:
    return [metric for metric in all_metrics() if not metric.column]


def metric(key: str) -> Metric:
    for candidate in all_metrics():
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def active_panels() -> list[Panel]:
    provided = {m.key for m in all_metrics()}
    declared = {panel for source in metric_sources() for panel in source.panels}
    return [
        panel
        for key, panel in PANELS.items()
        if key in declared and set(panel.metric_keys) <= provided
    ]


def panel_active(key: str) -> bool:
    return any(panel.key == key for panel in active_panels())
