"""Summary tables (one row per place per Jalali month) and the monitoring reports.

Dashboards and reports read only these tables, never raw meetings. A club's row is
computed from raw data with aggregate queries (`reports.services`); the county,
university, province and nation rows are aggregates of the club rows. Metrics of
apps that plug in later (rollout, forums, surveys) live in `extra` (a JSON object of
numbers) so that they need no migration here; see `reports.metrics`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.scopes import Level, ScopedQuerySet
from clubs.models import ClubStatus

REGION_ROLES = frozenset(
    {
        Role.MINISTRY_ADMIN,
        Role.UNIVERSITY_STAFF,
        Role.PROVINCE_SECRETARIAT,
        Role.COUNTY_SECRETARIAT,
    }
)


class MonthSummary(models.Model):
    """The figures of one place in one Jalali month (key like 1403-01).

    Flows (meetings, attendance, openings, new members) count what happened in the
    month; stocks (clubs by status, members, groups, action items) are as of the
    month's last day — or today, for the month in progress.
    """

    month = models.CharField(_("ماه"), max_length=7, db_index=True)

    clubs = models.PositiveIntegerField(_("کانون‌ها"), default=0)
    clubs_forming = models.PositiveIntegerField(_("در حال تشکیل"), default=0)
    clubs_active = models.PositiveIntegerField(_("فعال"), default=0)
    clubs_dormant = models.PositiveIntegerField(_("غیرفعال"), default=0)
    clubs_closed = models.PositiveIntegerField(_("منحل"), default=0)
    clubs_inactive = models.PositiveIntegerField(_("بدون جلسه در ۶۰ روز"), default=0)
    clubs_opened = models.PositiveIntegerField(_("افتتاح‌شده در این ماه"), default=0)

    meetings = models.PositiveIntegerField(_("جلسات"), default=0)
    meetings_orientation = models.PositiveIntegerField(_("جلسات توجیهی"), default=0)
    meetings_club = models.PositiveIntegerField(_("جلسات کانون"), default=0)
    meetings_thematic_group = models.PositiveIntegerField(_("جلسات گروه موضوعی"), default=0)
    meetings_training = models.PositiveIntegerField(_("جلسات آموزشی"), default=0)
    meetings_forum = models.PositiveIntegerField(_("جلسات مجمع سلامت محله"), default=0)

    attendance_members_female = models.PositiveIntegerField(_("حضور اعضای زن"), default=0)
    attendance_members_male = models.PositiveIntegerField(_("حضور اعضای مرد"), default=0)
    attendance_guests_female = models.PositiveIntegerField(_("حضور زنان غیرعضو"), default=0)
    attendance_guests_male = models.PositiveIntegerField(_("حضور مردان غیرعضو"), default=0)

    members_female = models.PositiveIntegerField(_("اعضای زن"), default=0)
    members_male = models.PositiveIntegerField(_("اعضای مرد"), default=0)
    members_new = models.PositiveIntegerField(_("اعضای جدید"), default=0)
    members_left = models.PositiveIntegerField(_("اعضای خارج‌شده"), default=0)

    groups_active = models.PositiveIntegerField(_("گروه‌های موضوعی فعال"), default=0)
    actions_open = models.PositiveIntegerField(_("اقدامات باز"), default=0)
    actions_overdue = models.PositiveIntegerField(_("اقدامات عقب‌افتاده"), default=0)

    # Metrics of plugged-in sources (reports.metrics): {"checklist_done": 12, …}.
    extra = models.JSONField(_("سایر شاخص‌ها"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("زمان محاسبه"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self)._meta.verbose_name} {self.month}"


class ClubMonthSummaryQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "university",
        Level.PROVINCE: "province",
        Level.COUNTY: "county",
        Level.NEIGHBORHOOD: "club__neighborhood",
        Level.CLUB: "club",
    }


class ClubMonthSummary(MonthSummary):
    """One club in one month. `clubs` is 1 when the club existed by the month's end;
    the status columns are 1 for the club's status at that time. The place columns
    are copied from the club so roll-ups group without joins."""

    club = models.ForeignKey("clubs.Club", on_delete=models.CASCADE, related_name="month_summaries")
    county = models.ForeignKey("regions.County", on_delete=models.CASCADE, related_name="+")
    university = models.ForeignKey(
        "regions.MedicalUniversity", on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey("regions.Province", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("وضعیت"), max_length=10, choices=ClubStatus.choices)
    last_meeting_on = models.DateField(_("آخرین جلسه تا پایان ماه"), null=True, blank=True)

    objects = ClubMonthSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه ماهانه کانون")
        verbose_name_plural = _("خلاصه‌های ماهانه کانون‌ها")
        constraints = [
            models.UniqueConstraint(fields=["club", "month"], name="club_month_summary_unique")
        ]
        indexes = [
            models.Index(fields=["month", "county"], name="club_summary_month_county"),
            # Province filters (dormant lists only) scan the month's rows via these.
            models.Index(fields=["month", "university"], name="club_summary_month_univ"),
            # The clubs to follow up (dashboards' lists), longest silent first.
            models.Index(
                fields=["month", "last_meeting_on"],
                condition=Q(clubs_inactive=1) | Q(clubs_dormant=1),
                name="club_summary_follow_up",
            ),
        ]


class CountyMonthSummaryQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "county__university",
        Level.PROVINCE: "county__province",
        Level.COUNTY: "county",
    }
    view_roles = REGION_ROLES


class CountyMonthSummary(MonthSummary):
    county = models.ForeignKey(
        "regions.County", on_delete=models.CASCADE, related_name="month_summaries"
    )

    objects = CountyMonthSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه ماهانه شهرستان")
        verbose_name_plural = _("خلاصه‌های ماهانه شهرستان‌ها")
        constraints = [
            models.UniqueConstraint(fields=["county", "month"], name="county_month_summary_unique")
        ]


class UniversityMonthSummaryQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "university",
        Level.PROVINCE: "university__counties__province",
    }
    scope_multivalued = True
    view_roles = frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT})


class UniversityMonthSummary(MonthSummary):
    university = models.ForeignKey(
        "regions.MedicalUniversity", on_delete=models.CASCADE, related_name="month_summaries"
    )

    objects = UniversityMonthSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه ماهانه دانشگاه")
        verbose_name_plural = _("خلاصه‌های ماهانه دانشگاه‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["university", "month"], name="university_month_summary_unique"
            )
        ]


class ProvinceMonthSummaryQuerySet(ScopedQuerySet):
    scope_paths = {Level.PROVINCE: "province"}
    view_roles = frozenset({Role.MINISTRY_ADMIN, Role.PROVINCE_SECRETARIAT})


class ProvinceMonthSummary(MonthSummary):
    province = models.ForeignKey(
        "regions.Province", on_delete=models.CASCADE, related_name="month_summaries"
    )

    objects = ProvinceMonthSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه ماهانه استان")
        verbose_name_plural = _("خلاصه‌های ماهانه استان‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "month"], name="province_month_summary_unique"
            )
        ]


class NationMonthSummaryQuerySet(ScopedQuerySet):
    scope_paths = {}  # only a national scope (ministry admins) sees these rows
    view_roles = frozenset({Role.MINISTRY_ADMIN})


class NationMonthSummary(MonthSummary):
    objects = NationMonthSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه ماهانه کشور")
        verbose_name_plural = _("خلاصه‌های ماهانه کشور")
        constraints = [
            models.UniqueConstraint(fields=["month"], name="nation_month_summary_unique")
        ]


# --- Monitoring reports -----------------------------------------------------------


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("در صف")
    RUNNING = "running", _("در حال تهیه")
    DONE = "done", _("آماده")
    FAILED = "failed", _("ناموفق")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("ماهانه")
    SEASON = "season", _("فصلی")


class ReportOrigin(models.TextChoices):
    SCHEDULE = "schedule", _("زمان‌بندی‌شده")
    REQUEST = "request", _("درخواست کاربر")


class MonitoringReportQuerySet(ScopedQuerySet):
    # A national report has no university: only a national scope reaches it. A
    # province's secretariat sees the reports of the universities serving it.
    scope_paths = {
        Level.UNIVERSITY: "university",
        Level.PROVINCE: "university__counties__province",
    }
    scope_multivalued = True
    view_roles = frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT})


def _report_path(report: MonitoringReport, filename: str) -> str:
    scope = report.university.code if report.university_id else "national"
    return f"reports/{report.period_key}/{scope}/{filename}"


class MonitoringReport(models.Model):
    """A monitoring report (گزارش پایش) of a university — or of the nation when
    `university` is empty — for one Jalali month or season. One per (scope, period)."""

    university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="monitoring_reports",
        verbose_name=_("دانشگاه"),
    )
    period_kind = models.CharField(_("دوره"), max_length=6, choices=PeriodKind.choices)
    period_key = models.CharField(_("کلید دوره"), max_length=7)
    status = models.CharField(
        _("وضعیت"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    origin = models.CharField(
        _("منشأ"), max_length=8, choices=ReportOrigin.choices, default=ReportOrigin.SCHEDULE
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("درخواست‌کننده"),
    )
    pdf = models.FileField(_("فایل PDF"), upload_to=_report_path, blank=True)
    xlsx = models.FileField(_("فایل اکسل"), upload_to=_report_path, blank=True)
    attempts = models.PositiveSmallIntegerField(_("تلاش‌ها"), default=0)
    started_at = models.DateTimeField(_("زمان شروع"), null=True, blank=True)
    error = models.TextField(_("خطا"), blank=True)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)
    finished_at = models.DateTimeField(_("زمان آماده شدن"), null=True, blank=True)

    objects = MonitoringReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_key", "university__name"]
        verbose_name = _("گزارش پایش")
        verbose_name_plural = _("گزارش‌های پایش")
        constraints = [
            models.UniqueConstraint(
                fields=["university", "period_key"],
                condition=Q(university__isnull=False),
                name="report_one_per_university_period",
            ),
            models.UniqueConstraint(
                fields=["period_key"],
                condition=Q(university__isnull=True),
                name="report_one_national_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_label} — {self.period.label}"

    @property
    def period(self):
        from core.periods import period_from_key

        return period_from_key(self.period_key)

    @property
    def scope_label(self) -> str:
        return str(self.university) if self.university_id else str(_("کل کشور"))

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)


class ReportNotice(models.Model):  # noqa: DJ008 (the report's str says it all)
    """An in-app notice that a monitoring report is ready (besides the e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_notices"
    )
    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("اعلان گزارش")
        verbose_name_plural = _("اعلان‌های گزارش")
        constraints = [
            models.UniqueConstraint(fields=["user", "report"], name="report_notice_unique")
        ]
