"""Writes of the reports app: the summary tables and the monitoring reports.

Summaries
- `summary_touch(club_id=…, on=date)`: what other apps' services call when a club's
  data changes (a meeting logged, a member joined or left, a group formed, an item
  closed, a checklist item verified, an issue raised…). On commit it queues the
  refresh of that club from the month of `on` to the month in progress.
- `summary_refresh_club(club_id=…, months=…)` / `summary_refresh_club_month(…)`:
  recompute one club's rows from raw data (aggregate queries), then recompute the
  county, university, province and nation rows of those months from the club rows
  (one aggregate query per level).
- `summaries_refresh_months(months=…)`: the same for every club (the daily task runs
  it for the previous and current month, so time-dependent figures — overdue items,
  clubs without meetings in 60 days — are right once a month closes).
- `summaries_rebuild()`: everything from scratch, set-based (`manage.py rebuild_summaries`).
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Min, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.models import RoleAssignment
from accounts.roles import Role
from clubs.models import Club, Meeting, Membership
from core.periods import JalaliMonth, JalaliSeason, Period, months_between
from reports.bulk import write_rows
from reports.metrics import all_metrics, extra_metrics, metric_sources
from reports.models import (
    ClubMonthSummary,
    CountyMonthSummary,
    MonitoringReport,
    NationMonthSummary,
    PeriodKind,
    ProvinceMonthSummary,
    ReportNotice,
    ReportOrigin,
    ReportStatus,
    UniversityMonthSummary,
)
from reports.sources import CLUB_COLUMNS, ClubsMetricSource

logger = logging.getLogger(__name__)

# Months before this are never summarized (guards against mistyped years).
EARLIEST_MONTH = JalaliMonth(1390, 1)

# (roll-up model, its place column, the club summary's column for that place)
LEVELS = (
    (CountyMonthSummary, "county_id"),
    (UniversityMonthSummary, "university_id"),
    (ProvinceMonthSummary, "province_id"),
    (NationMonthSummary, None),
)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _column_names() -> list[str]:
    return [metric.key for metric in all_metrics() if metric.column]


# --- computing club rows -------------------------------------------------------------


def _compute(
    club_ids: Collection[int] | None, months: list[JalaliMonth], today: dt.date
) -> tuple[list[str], list[tuple]]:
    """Club rows (tuples in the returned column order) from every metric source."""
    core = ClubsMetricSource()
    rows = core.compute_rows(club_ids=club_ids, months=months, today=today)
    extras: dict[tuple[int, str], dict[str, int]] = {}
    for source in metric_sources():
        if source.name == core.name:
            continue
        for key, values in source.compute(club_ids=club_ids, months=months, today=today).items():
            extras.setdefault(key, {}).update({k: int(v) for k, v in values.items()})
    columns = [*CLUB_COLUMNS, "extra"]
    if extras:
        return columns, [(*row, extras.get((row[0], row[1]), {})) for row in rows]
    empty: dict = {}
    return columns, [(*row, empty) for row in rows]


# --- roll-ups ----------------------------------------------------------------------


def _aggregates() -> dict:
    aggregates = {name: Sum(name) for name in _column_names()}
    for metric in extra_metrics():
        aggregates[f"x__{metric.key}"] = Sum(Cast(KT(f"extra__{metric.key}"), BigIntegerField()))
    return aggregates


def _rollup_rows(place_column: str | None, queryset) -> tuple[list[str], list[tuple]]:
    """Aggregate club rows into roll-up rows: one GROUP BY query."""
    group = ["month"] + ([place_column] if place_column else [])
    aggregates = _aggregates()
    metric_names = [name for name in aggregates if not name.startswith("x__")]
    extra_names = [name for name in aggregates if name.startswith("x__")]
    columns = [*group, *metric_names, "extra"]
    out = []
    for row in queryset.values(*group).annotate(**aggregates).order_by():
        extra = {name[3:]: int(row[name]) for name in extra_names if row[name]}
        out.append((*(row[g] for g in group), *(int(row[m] or 0) for m in metric_names), extra))
    return columns, out


def _rollups_refresh(months: Collection[str], places: dict[str, set[int]] | None = None) -> None:
    """Recompute the roll-up rows of `months` (for the given places of each level, or
    all) from the club rows: one aggregate query per level, then an upsert, and
    removal of rows whose places no longer have clubs."""
    months = sorted(set(months))
    if not months:
        return
    # Serialize concurrent refreshes of the same months (PostgreSQL row locks).
    NationMonthSummary.objects.bulk_create(
        [NationMonthSummary(month=key) for key in months], ignore_conflicts=True
    )
    list(NationMonthSummary.objects.select_for_update().filter(month__in=months))
    for model, place_column in LEVELS:
        source = ClubMonthSummary.objects.filter(month__in=months)
        existing = model.objects.filter(month__in=months)
        if place_column is not None and places is not None:
            ids = places.get(place_column, set())
            if not ids:
                continue
            source = source.filter(**{f"{place_column}__in": ids})
            existing = existing.filter(**{f"{place_column}__in": ids})
        columns, rows = _rollup_rows(place_column, source)
        write_rows(
            model, columns, rows, conflict=["month"] + ([place_column] if place_column else [])
        )
        kept = {(r[0], r[1] if place_column else None) for r in rows}
        stale = [
            pk
            for pk, month, place in existing.values_list("pk", "month", place_column or "month")
            if (month, place if place_column else None) not in kept
        ]
        if stale:
            model.objects.filter(pk__in=stale).delete()


# --- the services ------------------------------------------------------------------


@transaction.atomic
def summary_refresh_club(
    *, club_id: int, months: Iterable[JalaliMonth], today: dt.date | None = None
) -> int:
    """Recompute one club's rows for `months` and the roll-ups they feed. Returns
    the number of club rows written."""
    today = _today(today)
    current = JalaliMonth.of(today)
    wanted = sorted({m for m in months if m <= current})
    if not wanted:
        return 0
    # Contiguous months so that stocks carry from one to the next.
    span = months_between(wanted[0], wanted[-1])
    keys = {m.key for m in wanted}
    columns, rows = _compute([club_id], span, today)
    rows = [r for r in rows if r[1] in keys]
    before = list(
        ClubMonthSummary.objects.filter(club_id=club_id, month__in=keys).values(
            "month", "county_id", "university_id", "province_id"
        )
    )
    write_rows(ClubMonthSummary, columns, rows, conflict=["club_id", "month"])
    written = {r[1] for r in rows}
    gone = [row["month"] for row in before if row["month"] not in written]
    if gone:
        ClubMonthSummary.objects.filter(club_id=club_id, month__in=gone).delete()
    places: dict[str, set[int]] = {"county_id": set(), "university_id": set(), "province_id": set()}
    for row in [*before, *(dict(zip(columns, r, strict=True)) for r in rows)]:
        for column in places:
            places[column].add(row[column])
    _rollups_refresh(keys, places)
    return len(rows)


def summary_refresh_club_month(
    *, club_id: int, month: JalaliMonth, today: dt.date | None = None
) -> int:
    """Recompute one club-month (and its roll-ups)."""
    return summary_refresh_club(club_id=club_id, months=[month], today=today)


def summary_refresh_club_from(
    *, club_id: int, month: JalaliMonth, today: dt.date | None = None
) -> int:
    """Recompute one club from `month` to the month in progress: a change in a month
    moves the stocks (members, groups, open items) of every later month."""
    today = _today(today)
    current = JalaliMonth.of(today)
    first = max(month, EARLIEST_MONTH)
    if first > current:
        return 0
    return summary_refresh_club(club_id=club_id, months=months_between(first, current), today=today)


def summary_touch(*, club_id: int, on: dt.date | None = None) -> None:
    """Call on any change of a club's data dated `on` (default: today). Queues, on
    commit, the refresh of the club's summaries from that month on."""
    from reports.tasks import refresh_club_summaries

    month = JalaliMonth.of(on or timezone.localdate())
    transaction.on_commit(lambda: refresh_club_summaries.delay(club_id, month.key))


def summary_touch_many(*, club_ids: Iterable[int], on: dt.date | None = None) -> None:
    """summary_touch for several clubs at once (imports)."""
    for club_id in sorted(set(club_ids)):
        summary_touch(club_id=club_id, on=on)


@transaction.atomic
def summaries_refresh_months(*, months: Iterable[JalaliMonth], today: dt.date | None = None) -> int:
    """Recompute every club's rows for `months` (set-based) and their roll-ups."""
    today = _today(today)
    current = JalaliMonth.of(today)
    wanted = sorted({m for m in months if m <= current})
    if not wanted:
        return 0
    span = months_between(wanted[0], wanted[-1])
    keys = {m.key for m in wanted}
    columns, rows = _compute(None, span, today)
    rows = [r for r in rows if r[1] in keys]
    write_rows(ClubMonthSummary, columns, rows, conflict=["club_id", "month"])
    written = {(r[0], r[1]) for r in rows}
    stale = [
        pk
        for pk, club_id, month in ClubMonthSummary.objects.filter(month__in=keys).values_list(
            "pk", "club_id", "month"
        )
        if (club_id, month) not in written
    ]
    if stale:
        ClubMonthSummary.objects.filter(pk__in=stale).delete()
    _rollups_refresh(keys)
    return len(rows)


def first_data_month() -> JalaliMonth | None:
    """The earliest month any club has data for."""
    dates = [
        Club.objects.aggregate(
            a=Min("created_at"), b=Min("founded_on"), c=Min("opened_on")
        ).values(),
        Meeting.objects.aggregate(a=Min("held_on")).values(),
        Membership.objects.aggregate(a=Min("joined_on")).values(),
    ]
    days = [
        timezone.localdate(d) if isinstance(d, dt.datetime) else d
        for group in dates
        for d in group
        if d is not None
    ]
    if not days:
        return None
    return max(JalaliMonth.of(min(days)), EARLIEST_MONTH)


@dataclass
class RebuildResult:
    months: int
    club_rows: int
    rollup_rows: int
    seconds: dict[str, float] = field(default_factory=dict)


@transaction.atomic
def summaries_rebuild(*, today: dt.date | None = None) -> RebuildResult:
    """Rebuild every summary table from raw data: set-based aggregate queries grouped
    by club and month, then bulk writes (COPY on PostgreSQL); the roll-ups by one
    GROUP BY per level. Readers see the old rows until the transaction commits."""
    today = _today(today)
    clock = _Clock()
    first = first_data_month()
    ClubMonthSummary.objects.all().delete()
    for model, _column in LEVELS:
        model.objects.all().delete()
    clock.lap("delete")
    if first is None:
        return RebuildResult(0, 0, 0)
    months = months_between(first, JalaliMonth.of(today))
    # Millions of small objects: the cyclic garbage collector only slows this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        columns, rows = _compute(None, months, today)
        clock.lap("compute")
        club_rows = write_rows(ClubMonthSummary, columns, rows)
        del rows
        clock.lap("write club rows")
        rollups = 0
        for model, place_column in LEVELS:
            rollups += write_rows(model, *_rollup_rows(place_column, ClubMonthSummary.objects))
        clock.lap("roll-ups")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in [ClubMonthSummary, *(m for m, _c in LEVELS)]:
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')
            clock.lap("analyze")
    finally:
        if collecting:
            gc.enable()
    logger.info("summaries rebuilt: %s", clock)
    return RebuildResult(len(months), club_rows, rollups, clock.laps)


class _Clock:
    def __init__(self):
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 2)
        self.last = now

    def __str__(self) -> str:
        return ", ".join(f"{k} {v}s" for k, v in self.laps.items())


# --- monitoring reports ------------------------------------------------------------

# A report left "running" longer than this is taken to have died with its worker.
STALE_RUNNING = dt.timedelta(minutes=15)
# A report still queued after this is queued again by the next daily run.
STALE_PENDING = dt.timedelta(hours=6)


def reports_due_periods(today: dt.date | None = None) -> list[Period]:
    """The complete periods a daily run must make sure exist: the previous Jalali
    month(s) and season(s) in Tehran time, going back a few so that a run after
    missed days catches up (REPORTS_CATCH_UP_MONTHS / _SEASONS)."""
    today = _today(today)
    first = first_data_month()
    if first is None:
        return []
    periods: list[Period] = []
    month = JalaliMonth.of(today).previous()
    for _ in range(getattr(settings, "REPORTS_CATCH_UP_MONTHS", 2)):
        if month >= first:
            periods.append(month)
        month = month.previous()
    season = JalaliSeason.of(today).previous()
    for _ in range(getattr(settings, "REPORTS_CATCH_UP_SEASONS", 1)):
        if season.end >= first.start:
            periods.append(season)
        season = season.previous()
    return periods


def _universities_in_programme(period: Period) -> list[int]:
    """Universities with at least one club by the period's end."""
    last = period.months[-1] if isinstance(period, JalaliSeason) else period
    return list(
        UniversityMonthSummary.objects.filter(month__lte=last.key, clubs__gt=0)
        .order_by()
        .values_list("university_id", flat=True)
        .distinct()
    )


def _stuck(report: MonitoringReport) -> bool:
    """Queued or running for so long that its task must have been lost."""
    now = timezone.now()
    if report.status == ReportStatus.RUNNING:
        return report.started_at is None or now - report.started_at > STALE_RUNNING
    if report.status == ReportStatus.PENDING:
        return now - report.created_at > STALE_PENDING
    return False


def report_ensure(
    *,
    university_id: int | None,
    period: Period,
    origin: str = ReportOrigin.SCHEDULE,
    requested_by_id: int | None = None,
) -> tuple[MonitoringReport, bool]:
    """The one report of (scope, period): created and queued if missing, queued
    again if it failed or its task was lost. Returns (report, queued)."""
    from reports.tasks import generate_report

    kind = PeriodKind.MONTH if isinstance(period, JalaliMonth) else PeriodKind.SEASON
    lookup = {"university_id": university_id, "period_key": period.key}
    report = MonitoringReport.objects.filter(**lookup).first()
    if report is None:
        try:
            with transaction.atomic():
                report = MonitoringReport.objects.create(
                    **lookup, period_kind=kind, origin=origin, requested_by_id=requested_by_id
                )
        except IntegrityError:  # made by a concurrent run in the meantime
            return MonitoringReport.objects.get(**lookup), False
    elif report.status == ReportStatus.FAILED or _stuck(report):
        MonitoringReport.objects.filter(pk=report.pk).update(status=ReportStatus.PENDING, error="")
        report.status = ReportStatus.PENDING
    else:
        return report, False
    report_id = report.pk
    transaction.on_commit(lambda: generate_report.delay(report_id))
    return report, True


def reports_generate_due(*, today: dt.date | None = None) -> list[MonitoringReport]:
    """What the daily beat task does: bring the summaries of the last two months up
    to date (time-dependent figures), then make sure every due report exists —
    one per university and one national per period. Returns the reports queued."""
    today = _today(today)
    current = JalaliMonth.of(today)
    summaries_refresh_months(months=[current.previous(), current], today=today)
    queued = []
    for period in reports_due_periods(today):
        for university_id in [None, *_universities_in_programme(period)]:
            with transaction.atomic():
                report, made = report_ensure(university_id=university_id, period=period)
            if made:
                queued.append(report)
    return queued


def _claim(report_id: int) -> MonitoringReport | None:
    """Mark the report running, unless it is done or another worker is on it."""
    with transaction.atomic():
        report = (
            MonitoringReport.objects.select_for_update(of=("self",))
            .select_related("university")
            .get(pk=report_id)
        )
        if report.status == ReportStatus.DONE:
            return None
        if (
            report.status == ReportStatus.RUNNING
            and report.started_at
            and timezone.now() - report.started_at < STALE_RUNNING
        ):
            return None
        report.status = ReportStatus.RUNNING
        report.started_at = timezone.now()
        report.attempts += 1
        report.save(update_fields=["status", "started_at", "attempts"])
        return report


def report_generate(*, report_id: int) -> MonitoringReport | None:
    """Produce the PDF and XLSX of a report from the summaries, store them and tell
    the people it is for. Idempotent: a done report is left alone."""
    from reports.pdf import render_report_pdf
    from reports.selectors import report_content
    from reports.xlsx import report_xlsx

    report = _claim(report_id)
    if report is None:
        return None
    content = report_content(report)
    pdf = render_report_pdf(content)
    xlsx = report_xlsx(content)
    name = f"report-{report.period_key}"
    with transaction.atomic():
        report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
        report.status = ReportStatus.DONE
        report.finished_at = timezone.now()
        report.error = ""
        report.save(update_fields=["pdf", "xlsx", "status", "finished_at", "error"])
        transaction.on_commit(lambda: report_notify(report_id=report.pk))
    return report


def report_mark_failed(*, report_id: int, error: str, final: bool) -> None:
    MonitoringReport.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED if final else ReportStatus.PENDING, error=error[:2000]
    )


def report_recipients(report: MonitoringReport) -> list:
    """The university's staff; for the national report, the ministry admins."""
    from accounts.models import User

    if report.university_id:
        assignments = RoleAssignment.objects.filter(
            role=Role.UNIVERSITY_STAFF, university_id=report.university_id
        )
    else:
        assignments = RoleAssignment.objects.filter(role=Role.MINISTRY_ADMIN)
    return list(
        User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by("pk")
    )


def report_notify(*, report_id: int) -> int:
    """E-mail the PDF to the report's recipients and leave them an in-app notice.
    Returns the number of e-mails sent."""
    from django.urls import reverse

    report = MonitoringReport.objects.select_related("university").get(pk=report_id)
    recipients = report_recipients(report)
    ReportNotice.objects.bulk_create(
        [ReportNotice(user=user, report=report) for user in recipients], ignore_conflicts=True
    )
    addresses = [user.email for user in recipients if user.email]
    if not addresses:
        return 0
    site = getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    body = (
        f"{report}\n\n"
        f"گزارش پایش «{report.scope_label}» برای دوره {report.period.label} آماده است.\n"
        f"بایگانی گزارش‌ها: {site}{reverse('reports:archive')}\n"
    )
    sent = 0
    for address in addresses:
        message = EmailMessage(
            subject=f"گزارش پایش کانون‌های سلامت محله — {report.scope_label} — {report.period.label}",
            body=body,
            to=[address],
        )
        report.pdf.open("rb")
        try:
            message.attach(f"report-{report.period_key}.pdf", report.pdf.read(), "application/pdf")
        finally:
            report.pdf.close()
        sent += message.send(fail_silently=True)
    return sent


def report_notices_mark_read(*, user) -> int:
    return ReportNotice.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
