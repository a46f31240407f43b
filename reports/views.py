"""Dashboards (national, province, university, county, club), their XLSX exports, and
the archive of monitoring reports with on-demand requests and downloads.

Every view starts from a scoped queryset (`for_user`): a place or report outside the
user's scope is a 404. Dashboards read summary tables only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import Role
from core.jalali import format_date
from reports import selectors as s
from reports.forms import ReportRequestForm
from reports.geo import ATTRIBUTION, choropleth, iran_map
from reports.models import MonitoringReport, ReportNotice, ReportOrigin, ReportStatus
from reports.services import report_ensure, report_notices_mark_read
from reports.xlsx import table_xlsx

TREND_COLUMNS = [
    ("clubs", gettext_lazy("کانون‌ها")),
    ("clubs_active", gettext_lazy("فعال")),
    ("meetings", gettext_lazy("جلسات")),
    ("attendance_female", gettext_lazy("حضور زنان")),
    ("attendance_male", gettext_lazy("حضور مردان")),
    ("members", gettext_lazy("اعضا")),
    ("members_new", gettext_lazy("اعضای جدید")),
]

MAP_METRICS = [
    ("clubs_active", gettext_lazy("کانون‌های فعال")),
    ("meetings", gettext_lazy("جلسات ماه")),
    ("members", gettext_lazy("اعضا")),
    ("clubs_inactive", gettext_lazy("کانون‌های بدون جلسه در ۶۰ روز")),
]


def _month(request: HttpRequest):
    return s.parse_month(request.GET.get("month"))


def _export(dashboard: s.Dashboard, table: str) -> HttpResponse:
    month = dashboard.month
    if table == "children" and dashboard.children:
        headers = [dashboard.children_label, *[str(label) for _k, label in s.TABLE_COLUMNS]]
        rows = [[c.name, *[c.figures[k] for k, _l in s.TABLE_COLUMNS]] for c in dashboard.children]
    elif table == "trend":
        keys = [k for k, _label in TREND_COLUMNS]
        headers = [_("ماه"), *[str(label) for _k, label in TREND_COLUMNS]]
        rows = [[m.label, *[f[k] for k in keys]] for m, f in dashboard.trend]
    elif table == "dormant":
        headers = [_("کانون"), _("وضعیت"), _("آخرین جلسه")]
        rows = [
            [c.name, c.status, format_date(c.figures["last_meeting_on"])] for c in dashboard.dormant
        ]
    else:
        raise Http404
    content = table_xlsx(f"{dashboard.title}"[:31], [str(h) for h in headers], rows)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{dashboard.level}-{table}-{month.key}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _render(request: HttpRequest, dashboard: s.Dashboard, **extra) -> HttpResponse:
    table = request.GET.get("export")
    if table:
        return _export(dashboard, table)
    trend_chart = {
        "labels": [m.label for m, _f in dashboard.trend],
        "meetings": [f["meetings"] for _m, f in dashboard.trend],
        "attendance_female": [f["attendance_female"] for _m, f in dashboard.trend],
        "attendance_male": [f["attendance_male"] for _m, f in dashboard.trend],
        "clubs_active": [f["clubs_active"] for _m, f in dashboard.trend],
        "members": [f["members"] for _m, f in dashboard.trend],
    }
    return render(
        request,
        "reports/dashboard.html",
        {
            "d": dashboard,
            "months": s.month_choices(),
            "columns": s.TABLE_COLUMNS,
            "trend_chart": trend_chart,
            **extra,
        },
    )


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    url = s.home_dashboard_url(request.user)
    if url is None:
        raise PermissionDenied
    return redirect(url)


@login_required
def national(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.MINISTRY_ADMIN):
        raise PermissionDenied
    dashboard = s.national_dashboard(request.user, _month(request))
    metric = request.GET.get("metric", "clubs_active")
    if metric not in dict(MAP_METRICS):
        metric = "clubs_active"
    by_code = {c.code: c for c in dashboard.children}
    values = {code: child.figures[metric] for code, child in by_code.items()}
    fills = choropleth(values)
    shapes = iran_map()
    provinces_on_map = [
        {
            "shape": shape,
            "fill": fills.get(shape.code, "#f1f1f1"),
            "child": by_code.get(shape.code),
            "value": values.get(shape.code, 0),
        }
        for shape in shapes.shapes
    ]
    return _render(
        request,
        dashboard,
        map={"view_box": shapes.view_box, "provinces": provinces_on_map},
        map_metric=metric,
        map_metrics=MAP_METRICS,
        map_attribution=ATTRIBUTION,
    )


@login_required
def province(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(s.province_dashboards(request.user), pk=pk)
    dashboard = s.province_dashboard(request.user, place, _month(request))
    dashboard.breadcrumbs = _crumbs(request.user, province=None)
    return _render(request, dashboard)


@login_required
def university(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(
        s.university_dashboards(request.user).select_related("province"), pk=pk
    )
    dashboard = s.university_dashboard(request.user, place, _month(request))
    dashboard.breadcrumbs = _crumbs(request.user, province=place.province)
    return _render(request, dashboard)


@login_required
def county(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(
        s.county_dashboards(request.user).select_related("province", "university"), pk=pk
    )
    dashboard = s.county_dashboard(request.user, place, _month(request))
    dashboard.breadcrumbs = _crumbs(
        request.user, province=place.province, university=place.university
    )
    return _render(request, dashboard)


@login_required
def club(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(
        s.club_dashboards(request.user).select_related(
            "neighborhood__county__province", "neighborhood__county__university"
        ),
        pk=pk,
    )
    dashboard = s.club_dashboard(request.user, place, _month(request))
    county_ = place.neighborhood.county
    dashboard.breadcrumbs = _crumbs(
        request.user, province=county_.province, university=county_.university, county=county_
    )
    return _render(request, dashboard)


def _crumbs(user, province=None, university=None, county=None) -> list[tuple[str, str]]:
    """Links up the tree, only to the dashboards the user may open (no queries: the
    decision is made from the user's cached role assignments)."""
    crumbs = []
    roles = user.roles
    if Role.MINISTRY_ADMIN in roles:
        crumbs.append((_("کل کشور"), reverse("reports:national")))
    mine = {
        (a.role, a.province_id, a.university_id, a.county_id)
        for a in user.cached_role_assignments()
    }
    national = Role.MINISTRY_ADMIN in roles
    if province is not None and (
        national
        or any(r == Role.PROVINCE_SECRETARIAT and p == province.pk for r, p, _u, _c in mine)
    ):
        crumbs.append((province.name, reverse("reports:province", args=[province.pk])))
    if university is not None and (
        national
        or any(
            (r == Role.UNIVERSITY_STAFF and u == university.pk)
            or (r == Role.PROVINCE_SECRETARIAT and province is not None and p == province.pk)
            for r, p, u, _c in mine
        )
    ):
        crumbs.append((university.name, reverse("reports:university", args=[university.pk])))
    if county is not None and (
        national
        or any(
            r in (Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT, Role.COUNTY_SECRETARIAT)
            for r, *_x in mine
        )
    ):
        crumbs.append((county.name, reverse("reports:county", args=[county.pk])))
    return crumbs


# --- monitoring reports -------------------------------------------------------------


def _can_request(user) -> bool:
    return user.has_role(Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT)


@login_required
def archive(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not _can_request(user):
        raise PermissionDenied
    reports = MonitoringReport.objects.for_user(user).select_related("university")
    kind = request.GET.get("kind")
    if kind in ("month", "season"):
        reports = reports.filter(period_kind=kind)
    page = Paginator(reports.order_by("-period_key", "university__name", "pk"), 50).get_page(
        request.GET.get("page")
    )
    unread = ReportNotice.objects.filter(user=user, read_at__isnull=True).count()
    if unread:
        report_notices_mark_read(user=user)
    return render(
        request,
        "reports/archive.html",
        {
            "page": page,
            "form": ReportRequestForm(user=user),
            "kind": kind,
            "unread": unread,
            "highlight": request.GET.get("report"),
        },
    )


@login_required
@require_POST
def request_report(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not _can_request(user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, _("درخواست گزارش پذیرفته نشد: محدوده و دوره را درست انتخاب کنید."))
        return redirect("reports:archive")
    report, queued = report_ensure(
        university_id=form.cleaned_data["scope"],
        period=form.cleaned_data["period"],
        origin=ReportOrigin.REQUEST,
        requested_by_id=user.pk,
    )
    if queued:
        messages.success(request, _("درخواست ثبت شد؛ گزارش در حال تهیه است."))
    else:
        messages.info(request, _("این گزارش پیش‌تر تهیه یا درخواست شده است."))
    return redirect(f"{reverse('reports:archive')}?report={report.pk}#report-{report.pk}")


def _report_for(request: HttpRequest, pk: int) -> MonitoringReport:
    if not _can_request(request.user):
        raise Http404
    return get_object_or_404(
        MonitoringReport.objects.for_user(request.user).select_related("university"), pk=pk
    )


@login_required
def report_row(request: HttpRequest, pk: int) -> HttpResponse:
    """The status row of one report (polled by htmx while the report is in progress)."""
    report = _report_for(request, pk)
    return render(request, "reports/_report_row.html", {"report": report, "highlight": str(pk)})


@login_required
def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    if kind not in ("pdf", "xlsx"):
        raise Http404
    report = _report_for(request, pk)
    if report.status != ReportStatus.DONE:
        raise Http404
    field = report.pdf if kind == "pdf" else report.xlsx
    if not field:
        raise Http404
    scope = report.university.code if report.university_id else "national"
    return FileResponse(
        field.open("rb"),
        as_attachment=kind != "pdf",
        filename=f"monitoring-{scope}-{report.period_key}.{kind}",
    )
