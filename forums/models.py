"""The forums (مجامع سلامت) and what passes through them.

A nested chain: neighborhood forum → county → province → national forum → the
Supreme Council of Health and Food Security. Each forum has a composition (seats),
sessions, and issues (مسائل). An issue keeps ONE identity and ONE timeline while it
travels up (referral) and down (return with guidance): `current_forum` says where it
is, `IssueStop` lists every forum it has been at (which is also who may read it),
and `IssueEvent` is its timeline. Policies come down: a resolution approved at the
national or province level is communicated to every forum below (`PolicyAdoption`).

State changes happen only in forums/services.py; the scoping rules (who runs and
who reads which forum) are in forums/scoping.py, reached through `for_user`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scopes import Action, Level, ScopedQuerySet


class ForumLevel(models.TextChoices):
    NEIGHBORHOOD = "neighborhood", _("مجمع سلامت محله")
    COUNTY = "county", _("مجمع سلامت شهرستان")
    PROVINCE = "province", _("مجمع سلامت استان")
    NATIONAL = "national", _("مجمع ملی سلامت")
    SUPREME = "supreme", _("شورای عالی سلامت و امنیت غذایی")


# From the bottom of the chain to the top.
LEVEL_ORDER = [
    ForumLevel.NEIGHBORHOOD,
    ForumLevel.COUNTY,
    ForumLevel.PROVINCE,
    ForumLevel.NATIONAL,
    ForumLevel.SUPREME,
]
# Levels whose approved resolutions are communicated to every forum below.
POLICY_LEVELS = (ForumLevel.SUPREME, ForumLevel.NATIONAL, ForumLevel.PROVINCE)


class ForumQuerySet(ScopedQuerySet):
    """Read: the forums of the places in the user's scope (a county secretariat reads
    its county's forum and the neighborhood forums in it; university staff the
    forums of their counties). Change: the forums the user is the secretariat of."""

    scope_paths = {
        Level.UNIVERSITY: "county__university",
        Level.PROVINCE: "province",
        Level.COUNTY: "county",
        Level.NEIGHBORHOOD: "neighborhood",
        Level.CLUB: "neighborhood__clubs",
    }
    scope_multivalued = True

    def for_user(self, user, action: Action | str = Action.VIEW) -> ForumQuerySet:
        if Action(action) is Action.CHANGE:
            from forums.scoping import secretariat_q

            condition = secretariat_q(user)
            if condition is None:
                return self.none()
            return self.filter(pk__in=Forum._base_manager.filter(condition).values("pk"))
        return super().for_user(user, action)


class Forum(models.Model):
    """One forum of the chain. The place fields hold the forum's place and the places
    above it (a neighborhood forum names its neighborhood, county and province), so
    "every forum below the Tehran province forum" is one indexed filter."""

    level = models.CharField(_("سطح"), max_length=15, choices=ForumLevel.choices)
    name = models.CharField(_("نام مجمع"), max_length=250)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("مجمع سطح بالاتر"),
    )
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("استان"),
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("شهرستان"),
    )
    neighborhood = models.ForeignKey(
        "regions.Neighborhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("محله"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("مجمع سلامت")
        verbose_name_plural = _("مجامع سلامت")
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood"],
                condition=Q(level="neighborhood"),
                name="forum_one_per_neighborhood",
            ),
            models.UniqueConstraint(
                fields=["county"], condition=Q(level="county"), name="forum_one_per_county"
            ),
            models.UniqueConstraint(
                fields=["province"], condition=Q(level="province"), name="forum_one_per_province"
            ),
            models.UniqueConstraint(
                fields=["level"],
                condition=Q(level__in=["national", "supreme"]),
                name="forum_one_national_and_one_supreme",
            ),
            models.CheckConstraint(
                name="forum_place_matches_level",
                violation_error_message=_("محل مجمع با سطح آن نمی‌خواند."),
                condition=(
                    Q(
                        level="neighborhood",
                        neighborhood__isnull=False,
                        county__isnull=False,
                        province__isnull=False,
                    )
                    | Q(
                        level="county",
                        neighborhood__isnull=True,
                        county__isnull=False,
                        province__isnull=False,
                    )
                    | Q(
                        level="province",
                        neighborhood__isnull=True,
                        county__isnull=True,
                        province__isnull=False,
                    )
                    | Q(
                        level__in=["national", "supreme"],
                        neighborhood__isnull=True,
                        county__isnull=True,
                        province__isnull=True,
                    )
                ),
            ),
        ]
        indexes = [models.Index(fields=["level", "name"], name="forum_level_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def can_issue_policies(self) -> bool:
        return self.level in POLICY_LEVELS


# --- Composition ---------------------------------------------------------------------


class SeatCategory(models.TextChoices):
    PEOPLE = "people", _("نمایندگان مردمی")
    GOVERNMENT = "government", _("نمایندگان دستگاه‌های دولتی")
    TRUSTEES = "trustees", _("نمایندگان معتمدین و مراکز علمی")


class SeatKind(models.TextChoices):
    # People's representatives
    CLUB_SECRETARY = "club_secretary", _("دبیر کانون سلامت محله")
    GROUP_LEAD = "group_lead", _("مسئول گروه موضوعی کانون")
    LOCAL_BOARD = "local_board", _("رئیس هیئت محلی")
    NGO = "ngo", _("سازمان مردم‌نهاد (سمن)")
    LOCAL_CLUB = "local_club", _("کانون محلی (ورزش، کشاورزی و …)")
    CHARITY = "charity", _("خیرین")
    BASIJ = "basij", _("بسیج")
    # Government representatives
    EDUCATION = "education", _("آموزش و پرورش")
    WELFARE = "welfare", _("بهزیستی")
    LABOUR = "labour", _("تعاون، کار و رفاه اجتماعی")
    HEALTH = "health", _("بهداشت و درمان")
    POLICE = "police", _("نیروی انتظامی")
    ENVIRONMENT = "environment", _("محیط زیست")
    MUNICIPALITY = "municipality", _("شهرداری")
    VILLAGE_COUNCIL = "village_council", _("دهیاری")
    GOVERNMENT_OTHER = "government_other", _("سایر دستگاه‌های دولتی")
    # Trustees and academia
    CLERGY = "clergy", _("روحانی")
    LOCAL_TRUSTEE = "local_trustee", _("معتمد محلی")
    FACULTY = "faculty", _("استاد دانشگاه")


PEOPLE_SEATS = (
    SeatKind.CLUB_SECRETARY,
    SeatKind.GROUP_LEAD,
    SeatKind.LOCAL_BOARD,
    SeatKind.NGO,
    SeatKind.LOCAL_CLUB,
    SeatKind.CHARITY,
    SeatKind.BASIJ,
)
GOVERNMENT_SEATS = (
    SeatKind.EDUCATION,
    SeatKind.WELFARE,
    SeatKind.LABOUR,
    SeatKind.HEALTH,
    SeatKind.POLICE,
    SeatKind.ENVIRONMENT,
    SeatKind.MUNICIPALITY,
    SeatKind.VILLAGE_COUNCIL,
    SeatKind.GOVERNMENT_OTHER,
)
TRUSTEE_SEATS = (SeatKind.CLERGY, SeatKind.LOCAL_TRUSTEE, SeatKind.FACULTY)
SEAT_CATEGORY: dict[str, str] = {
    **dict.fromkeys(PEOPLE_SEATS, SeatCategory.PEOPLE),
    **dict.fromkeys(GOVERNMENT_SEATS, SeatCategory.GOVERNMENT),
    **dict.fromkeys(TRUSTEE_SEATS, SeatCategory.TRUSTEES),
}


class ForumChildQuerySet(ScopedQuerySet):
    """Rows that belong to one forum (seats, sessions): readable with the forum."""

    scope_paths = {
        Level.UNIVERSITY: "forum__county__university",
        Level.PROVINCE: "forum__province",
        Level.COUNTY: "forum__county",
        Level.NEIGHBORHOOD: "forum__neighborhood",
        Level.CLUB: "forum__neighborhood__clubs",
    }
    scope_multivalued = True

    def for_user(self, user, action: Action | str = Action.VIEW):
        if Action(action) is Action.CHANGE:
            return self.filter(forum__in=Forum.objects.for_user(user, action).values("pk"))
        return super().for_user(user, action)


class SeatQuerySet(ForumChildQuerySet):
    def current(self, today: dt.date | None = None) -> SeatQuerySet:
        today = today or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=today))


class Seat(models.Model):
    """A seat of the forum's composition (ترکیب مجمع) held by a person for a term."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="seats", verbose_name=_("مجمع")
    )
    category = models.CharField(
        _("گروه"), max_length=12, choices=SeatCategory.choices, editable=False
    )
    kind = models.CharField(_("عنوان نمایندگی"), max_length=20, choices=SeatKind.choices)
    person_name = models.CharField(_("نام و نام خانوادگی"), max_length=150)
    membership = models.ForeignKey(
        "clubs.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_seats",
        verbose_name=_("عضو کانون"),
        help_text=_("اگر نماینده عضو کانون است، او را انتخاب کنید."),
    )
    organization = models.CharField(_("سازمان یا نهاد"), max_length=200, blank=True)
    term_start = models.DateField(_("آغاز دوره"))
    term_end = models.DateField(_("پایان دوره"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = SeatQuerySet.as_manager()

    class Meta:
        ordering = ["category", "kind", "person_name"]
        verbose_name = _("عضو مجمع")
        verbose_name_plural = _("ترکیب مجمع")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="seat_term_ends_after_start",
                violation_error_message=_("پایان دوره باید پس از آغاز آن باشد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} — {self.get_kind_display()}"

    def is_current(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.term_end is None or self.term_end >= today


# --- Sessions ---------------------------------------------------------------------------


class ForumSession(models.Model):
    """A session of a forum: date, attendance by seat, agenda issues, minutes, decisions."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("مجمع")
    )
    held_on = models.DateField(_("تاریخ جلسه"))
    place = models.CharField(_("محل برگزاری"), max_length=200, blank=True)
    agenda = models.TextField(_("دستور جلسه"), blank=True)
    agenda_issues = models.ManyToManyField(
        "Issue", blank=True, related_name="sessions", verbose_name=_("مسائل در دستور جلسه")
    )
    attendees = models.ManyToManyField(
        Seat, blank=True, related_name="sessions_attended", verbose_name=_("اعضای حاضر")
    )
    guests = models.PositiveIntegerField(_("حاضران مهمان"), default=0)
    minutes = models.TextField(_("صورتجلسه"), blank=True)
    decisions = models.TextField(_("مصوبات"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ثبت‌کننده"),
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = ForumChildQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("جلسه مجمع")
        verbose_name_plural = _("جلسات مجمع")
        indexes = [models.Index(fields=["forum", "-held_on"], name="forum_session_held_on")]

    def __str__(self) -> str:
        from core.jalali import format_date

        return f"{self.forum} — {format_date(self.held_on)}"


# --- Issues -------------------------------------------------------------------------------


class IssueStatus(models.TextChoices):
    OPEN = "open", _("ثبت‌شده")
    IN_PROGRESS = "in_progress", _("در دست اقدام")
    REFERRED = "referred", _("ارجاع‌شده، در انتظار بررسی")
    ACCEPTED = "accepted", _("پذیرفته‌شده در سطح بالاتر")
    RETURNED = "returned", _("بازگشته با رهنمود")
    RESOLVED = "resolved", _("حل‌شده")
    MERGED = "merged", _("ادغام‌شده")


OPEN_ISSUE_STATUSES = (
    IssueStatus.OPEN,
    IssueStatus.IN_PROGRESS,
    IssueStatus.REFERRED,
    IssueStatus.ACCEPTED,
    IssueStatus.RETURNED,
)
CLOSED_ISSUE_STATUSES = (IssueStatus.RESOLVED, IssueStatus.MERGED)


class IssueSource(models.TextChoices):
    FORUM_SESSION = "forum_session", _("جلسه مجمع")
    CLUB_MEETING = "club_meeting", _("جلسه کانون")
    SURVEY = "survey", _("یافته پیمایش / نیازسنجی")
    MEMBER = "member", _("پیشنهاد عضو")
    OTHER = "other", _("سایر")


class IssueQuerySet(ScopedQuerySet):
    """Read: issues that passed through a forum the user runs (its whole path, before
    and after), issues that passed through a forum of a university's counties for its
    staff, everything for ministry admins. Change: issues now at a forum the user runs."""

    def for_user(self, user, action: Action | str = Action.VIEW) -> IssueQuerySet:
        from forums.scoping import issue_stop_q

        if Action(action) is Action.CHANGE:
            return self.filter(current_forum__in=Forum.objects.for_user(user, action).values("pk"))
        condition, national = issue_stop_q(user)
        if national:
            return self.all()
        if condition is None:
            return self.none()
        return self.filter(pk__in=IssueStop.objects.filter(condition).values("issue_id"))

    def open(self) -> IssueQuerySet:
        return self.filter(status__in=OPEN_ISSUE_STATUSES)

    def overdue(self, today: dt.date | None = None) -> IssueQuerySet:
        """Referred up and not acted on by the level above by its due date."""
        return self.filter(status=IssueStatus.REFERRED, due_on__lt=today or timezone.localdate())

    def for_statistics(self) -> IssueQuerySet:
        """Problems as raised: a merged (roll-up) item is counted through the issues it
        merged, not a second time."""
        return self.filter(is_rollup=False)


class Issue(models.Model):
    """مسئله: one identity from where it is raised to where it is resolved."""

    title = models.CharField(_("عنوان مسئله"), max_length=250)
    description = models.TextField(_("شرح"), blank=True)
    category = models.ForeignKey(
        "clubs.ThematicTopic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_issues",
        verbose_name=_("حوزه موضوعی"),
    )
    severity = models.PositiveSmallIntegerField(
        _("شدت"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reach = models.PositiveSmallIntegerField(
        _("گستره (تعداد افراد درگیر)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feasibility = models.PositiveSmallIntegerField(
        _("امکان‌پذیری حل"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # severity + reach + feasibility (3–15), kept by the services for ordering.
    priority = models.PositiveSmallIntegerField(_("امتیاز اولویت"), default=9, editable=False)
    status = models.CharField(
        _("وضعیت"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    origin_forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="raised_issues", verbose_name=_("مجمع طرح")
    )
    current_forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="current_issues",
        verbose_name=_("مجمع فعلی"),
    )
    # The forum that referred the issue to `current_forum` (where "return" sends it).
    referred_from = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ارجاع‌دهنده"),
    )
    owner_name = models.CharField(_("مسئول پیگیری"), max_length=150, blank=True)
    due_on = models.DateField(_("مهلت"), null=True, blank=True)
    referred_at = models.DateTimeField(_("زمان آخرین ارجاع"), null=True, blank=True)
    referral_count = models.PositiveSmallIntegerField(_("تعداد ارجاع"), default=0)

    # Where it came from: a kind, words and an optional link; a forum session or a club
    # meeting directly; any other object (a survey finding) through the generic link.
    source_kind = models.CharField(
        _("منبع"), max_length=15, choices=IssueSource.choices, default=IssueSource.MEMBER
    )
    source_description = models.CharField(_("شرح منبع"), max_length=300, blank=True)
    source_url = models.CharField(_("پیوند منبع"), max_length=500, blank=True)
    source_session = models.ForeignKey(
        ForumSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raised_issues",
        verbose_name=_("جلسه مجمع"),
    )
    source_meeting = models.ForeignKey(
        "clubs.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_issues",
        verbose_name=_("جلسه کانون"),
    )
    source_content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("source_content_type", "source_object_id")

    raised_on = models.DateField(_("تاریخ طرح"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ثبت‌کننده"),
    )

    # Roll-up: an item made by merging issues referred by several forums.
    is_rollup = models.BooleanField(_("مسئله ادغامی"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_issues",
        verbose_name=_("ادغام‌شده در"),
    )

    resolution = models.TextField(_("شرح راه‌حل"), blank=True)
    resolved_forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolved_issues",
        verbose_name=_("حل‌شده در مجمع"),
    )
    resolved_at = models.DateTimeField(_("زمان حل"), null=True, blank=True)
    resolution_days = models.PositiveIntegerField(_("روز تا حل"), null=True, blank=True)

    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "-created_at"]
        verbose_name = _("مسئله")
        verbose_name_plural = _("مسائل")
        indexes = [
            models.Index(fields=["current_forum", "status", "due_on"], name="issue_inbox"),
            models.Index(fields=["status", "due_on"], name="issue_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5)
                & Q(reach__gte=1, reach__lte=5)
                & Q(feasibility__gte=1, feasibility__lte=5),
                name="issue_scores_between_1_and_5",
                violation_error_message=_(
                    "امتیازهای شدت، گستره و امکان‌پذیری باید بین ۱ و ۵ باشند."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved")
                | Q(resolved_forum__isnull=False, resolved_at__isnull=False),
                name="issue_resolved_has_forum_and_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="issue_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ISSUE_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return (
            self.status == IssueStatus.REFERRED
            and self.due_on is not None
            and self.due_on < (today or timezone.localdate())
        )


class IssueStop(models.Model):
    """A forum the issue has been at. Every forum on the path reads the issue's whole
    timeline; a roll-up item also carries the stops of the issues it merged."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="stops")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="issue_stops")
    via_merge = models.BooleanField(default=False)
    arrived_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["arrived_at", "pk"]
        verbose_name = _("مسیر مسئله")
        verbose_name_plural = _("مسیر مسائل")
        constraints = [
            models.UniqueConstraint(fields=["issue", "forum"], name="issue_stop_once_per_forum")
        ]
        indexes = [models.Index(fields=["forum", "issue"], name="issue_stop_forum")]

    def __str__(self) -> str:
        return f"{self.issue_id} @ {self.forum_id}"


class IssueEventKind(models.TextChoices):
    RAISED = "raised", _("طرح مسئله")
    PRIORITIZED = "prioritized", _("تعیین اولویت")
    WORK_STARTED = "work_started", _("آغاز اقدام")
    RESOLVED = "resolved", _("حل مسئله")
    REFERRED = "referred", _("ارجاع به سطح بالاتر")
    ACCEPTED = "accepted", _("پذیرش در سطح بالاتر")
    RETURNED = "returned", _("بازگشت با رهنمود")
    MERGED = "merged", _("ادغام")
    OVERDUE = "overdue", _("گذشت مهلت بررسی")


class IssueEvent(models.Model):
    """One step of an issue's single timeline: who, when, what, a note, and from which
    forum to which forum."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("رویداد"), max_length=15, choices=IssueEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("انجام‌دهنده"),
    )
    at = models.DateTimeField(_("زمان"), default=timezone.now)
    note = models.TextField(_("یادداشت"), blank=True)
    from_forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=IssueStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=IssueStatus.choices, blank=True)
    due_on = models.DateField(_("مهلت"), null=True, blank=True)
    related_issue = models.ForeignKey(
        Issue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("رویداد مسئله")
        verbose_name_plural = _("رویدادهای مسائل")
        indexes = [models.Index(fields=["issue", "at"], name="issue_event_timeline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.issue}"


class OverdueFlag(models.Model):
    """An overdue referral recorded (and notified) once: one row per issue, forum and
    due date, so the daily task can run any number of times."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="overdue_flags")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="overdue_flags")
    due_on = models.DateField()
    flagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("هشدار گذشت مهلت")
        verbose_name_plural = _("هشدارهای گذشت مهلت")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "forum", "due_on"], name="overdue_flag_once_per_referral"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} @ {self.forum_id} ({self.due_on})"


# --- Policies downward ----------------------------------------------------------------


class PolicyQuerySet(ScopedQuerySet):
    """Read: policies issued by, or communicated to, a forum the user reads."""

    def for_user(self, user, action: Action | str = Action.VIEW) -> PolicyQuerySet:
        if Action(action) is Action.CHANGE:
            return self.filter(forum__in=Forum.objects.for_user(user, action).values("pk"))
        visible = Forum.objects.for_user(user)
        if visible.query.is_empty():
            return self.none()
        return self.filter(
            Q(forum__in=visible.values("pk"))
            | Q(
                pk__in=PolicyAdoption.objects.filter(forum__in=visible.values("pk")).values(
                    "policy_id"
                )
            )
        )


class Policy(models.Model):
    """تصویب و ابلاغ سیاست: a resolution approved at the national, province (or supreme
    council) level and communicated to every forum below."""

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="policies", verbose_name=_("مجمع تصویب‌کننده")
    )
    title = models.CharField(_("عنوان مصوبه"), max_length=250)
    reference_number = models.CharField(_("شماره ابلاغ"), max_length=50, blank=True)
    body = models.TextField(_("متن مصوبه"))
    approved_on = models.DateField(_("تاریخ تصویب"))
    session = models.ForeignKey(
        ForumSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policies",
        verbose_name=_("جلسه تصویب"),
    )
    communicated_at = models.DateTimeField(_("زمان ابلاغ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ثبت‌کننده"),
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_on", "-pk"]
        verbose_name = _("سیاست ابلاغی")
        verbose_name_plural = _("سیاست‌های ابلاغی")

    def __str__(self) -> str:
        return self.title


class PolicyAdoption(models.Model):
    """A forum below that received a policy: its acknowledgment and local adaptation."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("سیاست")
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="policy_adoptions", verbose_name=_("مجمع")
    )
    acknowledged_at = models.DateTimeField(_("زمان اعلام وصول"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("اعلام‌کننده"),
    )
    adaptation = models.TextField(
        _("تطبیق با اولویت‌های محلی"),
        blank=True,
        help_text=_("این سیاست چگونه با اولویت‌ها و مقتضیات محلی تطبیق داده شد؟"),
    )

    class Meta:
        ordering = ["forum__name"]
        verbose_name = _("ابلاغ سیاست به مجمع")
        verbose_name_plural = _("ابلاغ سیاست‌ها به مجامع")
        constraints = [
            models.UniqueConstraint(fields=["policy", "forum"], name="policy_adoption_once")
        ]
        indexes = [models.Index(fields=["forum", "acknowledged_at"], name="policy_adoption_forum")]

    def __str__(self) -> str:
        return f"{self.policy} — {self.forum}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
