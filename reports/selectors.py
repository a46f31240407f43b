"""Reads of the reports app: who may open which dashboard, and the dashboards'
figures — from the summary tables only, in a small constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.scopes import Level
from clubs.models import Club, ClubQuerySet
from core.periods import JalaliMonth, JalaliSeason, Period, months_between
from regions.models import (
    County,
    CountyQuerySet,
    MedicalUniversity,
    Province,
    ProvinceQuerySet,
    UniversityQuerySet,
)
from reports.metrics import FLOW, Panel, active_panels, all_metrics
from reports.models import (
    REGION_ROLES,
    ClubMonthSummary,
    CountyMonthSummary,
    MonthSummary,
    NationMonthSummary,
    ProvinceMonthSummary,
    UniversityMonthSummary,
)

TREND_MONTHS = 12
DORMANT_LIST_SIZE = 25


# --- who may open which dashboard (one scoping mechanism: ScopedQuerySet.for_user) ----


class ProvinceDashboards(ProvinceQuerySet):
    """Province dashboards: ministry admins, and each province's forum secretariat."""

    scope_paths = {Level.PROVINCE: "pk"}
    scope_multivalued = False
    view_roles = frozenset({Role.MINISTRY_ADMIN, Role.PROVINCE_SECRETARIAT})


class UniversityDashboards(UniversityQuerySet):
    """University dashboards: ministry admins, the university's staff, and the
    secretariats of the provinces it serves."""

    scope_paths = {Level.UNIVERSITY: "pk", Level.PROVINCE: "counties__province"}
    view_roles = frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT})


class CountyDashboards(CountyQuerySet):
    scope_paths = {Level.UNIVERSITY: "university", Level.PROVINCE: "province", Level.COUNTY: "pk"}
    scope_multivalued = False
    view_roles = REGION_ROLES


class ClubDashboards(ClubQuerySet):
    """A club's monthly figures: everyone whose scope reaches the club."""


def province_dashboards(user):
    return ProvinceDashboards(model=Province).for_user(user)


def university_dashboards(user):
    return UniversityDashboards(model=MedicalUniversity).for_user(user)


def county_dashboards(user):
    return CountyDashboards(model=County).for_user(user)


def club_dashboards(user):
    return ClubDashboards(model=Club).for_user(user)


def home_dashboard_url(user) -> str | None:
    """Where «داشبورد» leads: the broadest dashboard of the user's roles."""
    if user.has_role(Role.MINISTRY_ADMIN):
        return reverse("reports:national")
    by_role = [
        (Role.PROVINCE_SECRETARIAT, "province", "reports:province"),
        (Role.UNIVERSITY_STAFF, "university", "reports:university"),
        (Role.COUNTY_SECRETARIAT, "county", "reports:county"),
        (Role.FACILITATOR, "club", "reports:club"),
        (Role.CLUB_SECRETARY, "club", "reports:club"),
    ]
    for role, attribute, url_name in by_role:
        for assignment in user.cached_role_assignments():
            place_id = getattr(assignment, f"{attribute}_id")
            if assignment.role == role and place_id:
                return reverse(url_name, args=[place_id])
    return None


# --- months -----------------------------------------------------------------------


def current_month(today: dt.date | None = None) -> JalaliMonth:
    return JalaliMonth.of(today or timezone.localdate())


def month_choices(today: dt.date | None = None, count: int = 24) -> list[JalaliMonth]:
    last = current_month(today)
    first = last
    for _i in range(count - 1):
        first = first.previous()
    return list(reversed(months_between(first, last)))


def parse_month(value: str | None, today: dt.date | None = None) -> JalaliMonth:
    """The month asked for in ?month=1403-02, or the month in progress."""
    current = current_month(today)
    if not value:
        return current
    try:
        month = JalaliMonth.from_key(value)
    except ValueError as exc:
        raise Http404 from exc
    return min(month, current)


# --- figures ----------------------------------------------------------------------


def figures(row: MonthSummary | None) -> dict[str, int]:
    """Every metric of a summary row (typed columns and plugged-in ones), 0 if absent."""
    out = {}
    for metric in all_metrics():
        if row is None:
            out[metric.key] = 0
        elif metric.column:
            out[metric.key] = getattr(row, metric.key)
        else:
            out[metric.key] = int(row.extra.get(metric.key, 0))
    return out


def period_figures(rows_by_month: dict[str, MonthSummary], period: Period) -> dict[str, int]:
    """A period's figures from its months' rows: flows summed, stocks at the end."""
    months = period.months if isinstance(period, JalaliSeason) else (period,)
    per_month = [figures(rows_by_month.get(m.key)) for m in months]
    last_present = next(
        (
            f
            for m, f in zip(reversed(months), reversed(per_month), strict=True)
            if m.key in rows_by_month
        ),
        per_month[-1],
    )
    out = {}
    for metric in all_metrics():
        if metric.kind == FLOW:
            out[metric.key] = sum(f[metric.key] for f in per_month)
        else:
            out[metric.key] = last_present[metric.key]
    return out


def derived(f: dict[str, int]) -> dict[str, int]:
    attendance = (
        f["attendance_members_female"]
        + f["attendance_members_male"]
        + f["attendance_guests_female"]
        + f["attendance_guests_male"]
    )
    return {
        **f,
        "attendance": attendance,
        "attendance_female": f["attendance_members_female"] + f["attendance_guests_female"],
        "attendance_male": f["attendance_members_male"] + f["attendance_guests_male"],
        "members": f["members_female"] + f["members_male"],
    }


@dataclass
class Child:
    """A row of a dashboard's table: a province, university, county or club."""

    pk: int
    name: str
    url: str
    figures: dict[str, int]
    code: str = ""
    status: str = ""


@dataclass
class Dashboard:
    level: str  # nation, province, university, county, club
    title: str
    month: JalaliMonth
    headline: dict[str, int]
    trend: list[tuple[JalaliMonth, dict[str, int]]]
    children: list[Child]
    children_label: str
    dormant: list[Child] = field(default_factory=list)
    panels: list[tuple[Panel, list[tuple[str, int]]]] = field(default_factory=list)
    place: object = None
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)


TABLE_COLUMNS = [
    ("clubs", _("کانون‌ها")),
    ("clubs_active", _("فعال")),
    ("clubs_inactive", _("بدون جلسه در ۶۰ روز")),
    ("clubs_opened", _("افتتاح")),
    ("meetings", _("جلسات")),
    ("attendance_female", _("حضور زنان")),
    ("attendance_male", _("حضور مردان")),
    ("members", _("اعضا")),
    ("members_new", _("اعضای جدید")),
    ("groups_active", _("گروه‌های فعال")),
    ("actions_overdue", _("اقدامات عقب‌افتاده")),
]


def _trend(model, place_filter: dict, user, month: JalaliMonth):
    first = month
    for _i in range(TREND_MONTHS - 1):
        first = first.previous()
    keys = [m.key for m in months_between(first, month)]
    rows = {r.month: r for r in model.objects.for_user(user).filter(month__in=keys, **place_filter)}
    return rows, [(m, derived(figures(rows.get(m.key)))) for m in months_between(first, month)]


def _panels(headline_row) -> list[tuple[Panel, list[tuple[str, int]]]]:
    out = []
    labels = {m.key: m.label for m in all_metrics()}
    values = figures(headline_row)
    for panel in active_panels():
        out.append((panel, [(str(labels[k]), values[k]) for k in panel.metric_keys]))
    return out


def _dormant(user, month: JalaliMonth, **place) -> list[Child]:
    """Clubs to follow up (dormant, or active without a meeting in 60 days), longest
    silent first: the top rows picked in the summary table alone (partial index),
    then joined to their names."""
    needs_follow_up = Q(clubs_inactive=1) | Q(clubs_dormant=1)
    ordering = (F("last_meeting_on").asc(nulls_first=True), "club_id")
    top = (
        ClubMonthSummary.objects.for_user(user)
        .filter(needs_follow_up, month=month.key, **place)
        .order_by(*ordering)
        .values("pk")[:DORMANT_LIST_SIZE]
    )
    rows = (
        ClubMonthSummary.objects.filter(pk__in=top)
        .select_related("club", "county")
        .order_by(*ordering)
    )
    return [
        Child(
            pk=r.club_id,
            name=f"{r.club.name} ({r.county.name})",
            url=reverse("reports:club", args=[r.club_id]),
            figures={"last_meeting_on": r.last_meeting_on},
            status=r.get_status_display(),
        )
        for r in rows
    ]


def national_dashboard(user, month: JalaliMonth) -> Dashboard:
    rows, trend = _trend(NationMonthSummary, {}, user, month)
    provinces = {p.pk: p for p in Province.objects.all()}
    by_province = {
        r.province_id: r
        for r in ProvinceMonthSummary.objects.for_user(user).filter(month=month.key)
    }
    children = [
        Child(
            pk=p.pk,
            name=p.name,
            code=p.code,
            url=reverse("reports:province", args=[p.pk]),
            figures=derived(figures(by_province.get(p.pk))),
        )
        for p in sorted(provinces.values(), key=lambda p: p.name)
    ]
    return Dashboard(
        level="nation",
        title=str(_("داشبورد ملی کانون‌های سلامت محله")),
        month=month,
        headline=derived(figures(rows.get(month.key))),
        trend=trend,
        children=children,
        children_label=str(_("استان")),
        dormant=_dormant(user, month),
        panels=_panels(rows.get(month.key)),
    )


def province_dashboard(user, province: Province, month: JalaliMonth) -> Dashboard:
    rows, trend = _trend(ProvinceMonthSummary, {"province": province}, user, month)
    universities = (
        MedicalUniversity.objects.filter(counties__province=province).distinct().order_by("name")
    )
    by_university = {
        r.university_id: r
        for r in UniversityMonthSummary.objects.filter(
            month=month.key, university__in=universities.values("pk")
        )
    }
    children = [
        Child(
            pk=u.pk,
            name=u.name,
            url=reverse("reports:university", args=[u.pk]),
            figures=derived(figures(by_university.get(u.pk))),
        )
        for u in universities
    ]
    return Dashboard(
        level="province",
        title=str(_("داشبورد استان %(name)s") % {"name": province.name}),
        month=month,
        headline=derived(figures(rows.get(month.key))),
        trend=trend,
        children=children,
        children_label=str(_("دانشگاه علوم پزشکی")),
        dormant=_dormant(user, month, province=province),
        panels=_panels(rows.get(month.key)),
        place=province,
    )


def university_dashboard(user, university: MedicalUniversity, month: JalaliMonth) -> Dashboard:
    rows, trend = _trend(UniversityMonthSummary, {"university": university}, user, month)
    counties = list(County.objects.filter(university=university).order_by("name"))
    by_county = {
        r.county_id: r
        for r in CountyMonthSummary.objects.filter(month=month.key, county__university=university)
    }
    children = [
        Child(
            pk=c.pk,
            name=c.name,
            url=reverse("reports:county", args=[c.pk]),
            figures=derived(figures(by_county.get(c.pk))),
        )
        for c in counties
    ]
    return Dashboard(
        level="university",
        title=str(university.name),
        month=month,
        headline=derived(figures(rows.get(month.key))),
        trend=trend,
        children=children,
        children_label=str(_("شهرستان")),
        dormant=_dormant(user, month, university=university),
        panels=_panels(rows.get(month.key)),
        place=university,
    )


def county_dashboard(user, county: County, month: JalaliMonth) -> Dashboard:
    rows, trend = _trend(CountyMonthSummary, {"county": county}, user, month)
    clubs = (
        ClubMonthSummary.objects.for_user(user)
        .filter(month=month.key, county=county)
        .select_related("club")
        .order_by("club__name")
    )
    children = [
        Child(
            pk=r.club_id,
            name=r.club.name,
            url=reverse("reports:club", args=[r.club_id]),
            figures=derived(figures(r)),
            status=r.get_status_display(),
        )
        for r in clubs
    ]
    return Dashboard(
        level="county",
        title=str(_("داشبورد شهرستان %(name)s") % {"name": county.name}),
        month=month,
        headline=derived(figures(rows.get(month.key))),
        trend=trend,
        children=children,
        children_label=str(_("کانون")),
        dormant=_dormant(user, month, county=county),
        panels=_panels(rows.get(month.key)),
        place=county,
    )


def club_dashboard(user, club: Club, month: JalaliMonth) -> Dashboard:
    rows, trend = _trend(ClubMonthSummary, {"club": club}, user, month)
    return Dashboard(
        level="club",
        title=str(club.name),
        month=month,
        headline=derived(figures(rows.get(month.key))),
        trend=trend,
        children=[],
        children_label="",
        panels=_panels(rows.get(month.key)),
        place=club,
    )


# --- monitoring report content ------------------------------------------------------


REPORT_ROWS = [
    ("clubs", _("کانون‌ها (پایان دوره)")),
    ("clubs_active", _("کانون‌های فعال")),
    ("clubs_forming", _("کانون‌های در حال تشکیل")),
    ("clubs_dormant", _("کانون‌های غیرفعال")),
    ("clubs_closed", _("کانون‌های منحل")),
    ("clubs_inactive", _("کانون‌های فعال بدون جلسه در ۶۰ روز")),
    ("clubs_opened", _("کانون‌های افتتاح‌شده در دوره")),
    ("meetings", _("جلسات برگزارشده")),
    ("meetings_orientation", _("جلسات توجیهی")),
    ("meetings_club", _("جلسات کانون")),
    ("meetings_thematic_group", _("جلسات گروه‌های موضوعی")),
    ("meetings_training", _("جلسات آموزشی")),
    ("meetings_forum", _("جلسات مجمع سلامت محله")),
    ("attendance_members_female", _("حضور اعضای زن")),
    ("attendance_members_male", _("حضور اعضای مرد")),
    ("attendance_guests_female", _("حضور زنان غیرعضو")),
    ("attendance_guests_male", _("حضور مردان غیرعضو")),
    ("members_female", _("اعضای زن (پایان دوره)")),
    ("members_male", _("اعضای مرد (پایان دوره)")),
    ("members_new", _("اعضای جدید در دوره")),
    ("members_left", _("اعضای خارج‌شده در دوره")),
    ("groups_active", _("گروه‌های موضوعی فعال")),
    ("actions_open", _("اقدامات باز")),
    ("actions_overdue", _("اقدامات عقب‌افتاده")),
]

REPORT_TABLE_COLUMNS = [
    ("clubs", _("کانون")),
    ("clubs_active", _("فعال")),
    ("clubs_opened", _("افتتاح")),
    ("meetings", _("جلسات")),
    ("attendance_female", _("حضور زنان")),
    ("attendance_male", _("حضور مردان")),
    ("members", _("اعضا")),
    ("members_new", _("عضو جدید")),
    ("groups_active", _("گروه فعال")),
    ("actions_overdue", _("اقدام عقب‌افتاده")),
]


@dataclass
class ReportContent:
    title: str
    scope_label: str
    period: Period
    headline: dict[str, int]
    rows: list[tuple[str, str, int]]  # (key, label, value)
    table_label: str
    table: list[tuple[str, dict[str, int]]]
    series: list[tuple[JalaliMonth, dict[str, int]]]
    dormant: list[tuple[str, str, dt.date | None]]
    extra_rows: list[tuple[str, str, int]] = field(default_factory=list)
    province_values: dict[str, int] = field(default_factory=dict)
    province_names: dict[str, str] = field(default_factory=dict)


def _grouped(rows, attribute: str) -> dict[int, dict[str, MonthSummary]]:
    out: dict[int, dict[str, MonthSummary]] = {}
    for row in rows:
        out.setdefault(getattr(row, attribute), {})[row.month] = row
    return out


def report_content(report) -> ReportContent:
    """What a monitoring report shows, read from the summaries of its period."""
    period = report.period
    months = period.months if isinstance(period, JalaliSeason) else (period,)
    keys = [m.key for m in months]
    series_first = months[-1]
    for _i in range(5):
        series_first = series_first.previous()
    series_months = months_between(min(series_first, months[0]), months[-1])
    series_keys = [m.key for m in series_months]

    if report.university_id:
        university = report.university
        own = {
            r.month: r
            for r in UniversityMonthSummary.objects.filter(
                university=university, month__in=series_keys
            )
        }
        counties = {c.pk: c.name for c in County.objects.filter(university=university)}
        by_county = _grouped(
            CountyMonthSummary.objects.filter(county_id__in=counties, month__in=keys), "county_id"
        )
        table = [
            (name, derived(period_figures(by_county.get(pk, {}), period)))
            for pk, name in sorted(counties.items(), key=lambda item: item[1])
        ]
        table_label = str(_("شهرستان"))
        dormant_rows = (
            ClubMonthSummary.objects.filter(university=university, month=months[-1].key)
            .filter(Q(clubs_inactive=1) | Q(clubs_dormant=1))
            .select_related("club", "county")
            .order_by("last_meeting_on", "club__name")[:40]
        )
        dormant = [(r.club.name, r.county.name, r.last_meeting_on) for r in dormant_rows]
        scope_label = university.name
        province_values: dict[str, int] = {}
        province_names: dict[str, str] = {}
    else:
        own = {r.month: r for r in NationMonthSummary.objects.filter(month__in=series_keys)}
        provinces = {p.pk: p for p in Province.objects.all()}
        by_province = _grouped(ProvinceMonthSummary.objects.filter(month__in=keys), "province_id")
        table = []
        province_values, province_names = {}, {}
        for pk, province in sorted(provinces.items(), key=lambda item: item[1].name):
            values = derived(period_figures(by_province.get(pk, {}), period))
            table.append((province.name, values))
            province_values[province.code] = values["clubs_active"]
            province_names[province.code] = province.name
        table_label = str(_("استان"))
        dormant = []
        scope_label = str(_("کل کشور"))

    headline = derived(period_figures(own, period))
    labels = {m.key: str(m.label) for m in all_metrics()}
    rows = [(key, str(label), headline[key]) for key, label in REPORT_ROWS]
    extra_rows = [(m.key, labels[m.key], headline[m.key]) for m in all_metrics() if not m.column]
    kind = _("گزارش پایش ماهانه") if isinstance(period, JalaliMonth) else _("گزارش پایش فصلی")
    return ReportContent(
        title=f"{kind} {period.label}",
        scope_label=scope_label,
        period=period,
        headline=headline,
        rows=rows,
        table_label=table_label,
        table=table,
        series=[(m, derived(figures(own.get(m.key)))) for m in series_months],
        dormant=dormant,
        extra_rows=extra_rows,
        province_values=province_values,
        province_names=province_names,
    )
