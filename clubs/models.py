"""The club (کانون سلامت محله) and what happens in it: members, officers, thematic
groups, meetings with attendance, and action items.

A person (resident) is one row whatever the number of clubs they join; membership
in a club is a separate row that keeps its history (leaving sets `left_on`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scopes import Level, ScopedQuerySet
from core.validators import validate_mobile, validate_national_code

DORMANT_AFTER_DAYS = 60

# Paths from a model that has a `club` foreign key to each level of the place tree.
VIA_CLUB = {
    Level.UNIVERSITY: "club__neighborhood__county__university",
    Level.PROVINCE: "club__neighborhood__county__province",
    Level.COUNTY: "club__neighborhood__county",
    Level.NEIGHBORHOOD: "club__neighborhood",
    Level.CLUB: "club",
}


class ClubStatus(models.TextChoices):
    FORMING = "forming", _("در حال تشکیل")
    ACTIVE = "active", _("فعال")
    DORMANT = "dormant", _("غیرفعال")
    CLOSED = "closed", _("منحل")


class PartnerKind(models.TextChoices):
    NGO = "ngo", _("سازمان مردم‌نهاد (سمن)")
    CHARITY = "charity", _("خیریه")
    LOCAL_BOARD = "local_board", _("هیئت یا تشکل محلی")
    OTHER = "other", _("سایر")


class Partner(models.Model):
    """A partner NGO, charity or local body working with clubs (سمن‌ها، خیریه‌ها)."""

    name = models.CharField(_("نام"), max_length=200, unique=True)
    kind = models.CharField(
        _("نوع"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.NGO
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("سازمان همکار")
        verbose_name_plural = _("سازمان‌های همکار")

    def __str__(self) -> str:
        return self.name


class ClubQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "neighborhood__county__university",
        Level.PROVINCE: "neighborhood__county__province",
        Level.COUNTY: "neighborhood__county",
        Level.NEIGHBORHOOD: "neighborhood",
        Level.CLUB: "pk",
    }

    def dormant_candidates(self, today: dt.date | None = None) -> ClubQuerySet:
        """Active clubs with no meeting in the last 60 days."""
        today = today or timezone.localdate()
        cutoff = today - dt.timedelta(days=DORMANT_AFTER_DAYS)
        return self.filter(status=ClubStatus.ACTIVE).filter(
            Q(last_meeting_on__lt=cutoff) | Q(last_meeting_on__isnull=True, opened_on__lt=cutoff)
        )


class Club(models.Model):
    """کانون سلامت محله: the community-based organization of one neighborhood."""

    name = models.CharField(_("نام کانون"), max_length=200)
    neighborhood = models.ForeignKey(
        "regions.Neighborhood",
        on_delete=models.PROTECT,
        related_name="clubs",
        verbose_name=_("محله"),
    )
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=ClubStatus.choices, default=ClubStatus.FORMING
    )
    address = models.CharField(_("نشانی"), max_length=300, blank=True)
    location = models.CharField(
        _("محل استقرار"),
        max_length=200,
        blank=True,
        help_text=_("مانند: سرای محله، پایگاه سلامت، مسجد"),
    )
    latitude = models.DecimalField(
        _("عرض جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("طول جغرافیایی"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    founded_on = models.DateField(_("تاریخ تشکیل"), null=True, blank=True)
    opened_on = models.DateField(_("تاریخ افتتاحیه"), null=True, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="clubs", verbose_name=_("سازمان‌های همکار")
    )
    # Kept by the meeting services: the date of the latest meeting (activity signal).
    last_meeting_on = models.DateField(_("آخرین جلسه"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["last_meeting_on", "updated_at"])
    objects = ClubQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("کانون سلامت محله")
        verbose_name_plural = _("کانون‌های سلامت محله")
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "name"], name="club_unique_name_in_neighborhood"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "last_meeting_on"], name="club_status_last_meeting")
        ]

    def __str__(self) -> str:
        return self.name

    def is_dormant_by_activity(self, today: dt.date | None = None) -> bool:
        """No meeting in the last 60 days (or none since opening 60 days ago)."""
        today = today or timezone.localdate()
        reference = self.last_meeting_on or self.opened_on or self.founded_on
        return reference is not None and (today - reference).days > DORMANT_AFTER_DAYS


class Gender(models.TextChoices):
    FEMALE = "female", _("زن")
    MALE = "male", _("مرد")


class PersonQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "memberships__club__neighborhood__county__university",
        Level.PROVINCE: "memberships__club__neighborhood__county__province",
        Level.COUNTY: "memberships__club__neighborhood__county",
        Level.NEIGHBORHOOD: "memberships__club__neighborhood",
        Level.CLUB: "memberships__club",
    }
    scope_multivalued = True


class Person(models.Model):
    """A resident taking part in one or more clubs; one row per national code."""

    first_name = models.CharField(_("نام"), max_length=100)
    last_name = models.CharField(_("نام خانوادگی"), max_length=100)
    gender = models.CharField(_("جنسیت"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("سال تولد (شمسی)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1290), MaxValueValidator(1420)],
    )
    national_code = models.CharField(
        _("کد ملی"), max_length=10, unique=True, validators=[validate_national_code]
    )
    mobile = models.CharField(
        _("تلفن همراه"), max_length=11, blank=True, validators=[validate_mobile]
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("فرد")
        verbose_name_plural = _("افراد")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class MembershipQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB

    def current(self) -> MembershipQuerySet:
        return self.filter(left_on__isnull=True)


class Membership(models.Model):
    """A person's membership in a club (عضو / داوطلب). Leaving sets `left_on`; the row
    stays, so the roster's history is kept. Rejoining adds a new row."""

    club = models.ForeignKey(
        Club, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("کانون")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("فرد")
    )
    joined_on = models.DateField(_("تاریخ عضویت"))
    left_on = models.DateField(_("تاریخ خروج"), null=True, blank=True)
    consent_to_contact = models.BooleanField(_("رضایت به تماس"), default=False)
    skills = models.CharField(_("مهارت‌ها و علاقه‌مندی‌ها"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("عضو کانون")
        verbose_name_plural = _("اعضای کانون")
        constraints = [
            models.UniqueConstraint(
                fields=["club", "person"],
                condition=Q(left_on__isnull=True),
                name="membership_one_current_per_person",
                violation_error_message=_("این فرد هم‌اکنون عضو این کانون است."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("تاریخ خروج نمی‌تواند پیش از تاریخ عضویت باشد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.club}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class OfficerRole(models.TextChoices):
    SECRETARY = "secretary", _("دبیر")
    DEPUTY = "deputy", _("جانشین")


class OfficerTermQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB

    def current(self) -> OfficerTermQuerySet:
        return self.filter(ended_on__isnull=True)


class OfficerTerm(models.Model):
    """An elected secretary or deputy (دبیر / جانشین). The current holder has no
    `ended_on`; a database constraint allows one current holder of each role."""

    club = models.ForeignKey(
        Club, on_delete=models.CASCADE, related_name="officer_terms", verbose_name=_("کانون")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="officer_terms", verbose_name=_("عضو")
    )
    role = models.CharField(_("سمت"), max_length=10, choices=OfficerRole.choices)
    elected_on = models.DateField(_("تاریخ انتخاب"))
    term_ends_on = models.DateField(_("پایان دوره"), null=True, blank=True)
    ended_on = models.DateField(_("تاریخ پایان تصدی"), null=True, blank=True)

    history = HistoricalRecords()
    objects = OfficerTermQuerySet.as_manager()

    class Meta:
        ordering = ["-elected_on"]
        verbose_name = _("دوره تصدی دبیر یا جانشین")
        verbose_name_plural = _("دبیران و جانشینان")
        constraints = [
            models.UniqueConstraint(
                fields=["club", "role"],
                condition=Q(ended_on__isnull=True),
                name="officer_one_current_per_role",
                violation_error_message=_("این کانون هم‌اکنون یک دبیر (یا جانشین) فعال دارد."),
            ),
            models.CheckConstraint(
                condition=Q(term_ends_on__isnull=True) | Q(term_ends_on__gt=models.F("elected_on")),
                name="officer_term_ends_after_election",
                violation_error_message=_("پایان دوره باید پس از تاریخ انتخاب باشد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.membership.person}"


class ThematicTopic(models.Model):
    """The catalogue of thematic groups (گروه‌های موضوعی), edited by ministry admins."""

    code = models.SlugField(_("شناسه"), max_length=40, unique=True)
    name = models.CharField(_("عنوان"), max_length=120, unique=True)
    is_local = models.BooleanField(
        _("کانون محلی"), default=False, help_text=_("موضوعات محلی مانند ورزش یا کشاورزی")
    )
    is_active = models.BooleanField(_("فعال"), default=True)
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("موضوع گروه")
        verbose_name_plural = _("فهرست موضوعات گروه‌ها")

    def __str__(self) -> str:
        return self.name


class ThematicGroupQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB

    def active(self) -> ThematicGroupQuerySet:
        return self.filter(dissolved_on__isnull=True)


class ThematicGroup(models.Model):
    club = models.ForeignKey(
        Club, on_delete=models.CASCADE, related_name="groups", verbose_name=_("کانون")
    )
    topic = models.ForeignKey(
        ThematicTopic, on_delete=models.PROTECT, related_name="groups", verbose_name=_("موضوع")
    )
    name = models.CharField(_("نام گروه"), max_length=150, blank=True)
    lead = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("مسئول گروه"),
    )
    members = models.ManyToManyField(
        Membership, blank=True, related_name="groups", verbose_name=_("اعضا")
    )
    formed_on = models.DateField(_("تاریخ تشکیل"))
    dissolved_on = models.DateField(_("تاریخ انحلال"), null=True, blank=True)

    objects = ThematicGroupQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "topic__name"]
        verbose_name = _("گروه موضوعی")
        verbose_name_plural = _("گروه‌های موضوعی")
        constraints = [
            models.UniqueConstraint(
                fields=["club", "topic"],
                condition=Q(dissolved_on__isnull=True),
                name="group_one_active_per_topic",
                violation_error_message=_("این کانون برای این موضوع گروه فعال دارد."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.topic)


class MeetingKind(models.TextChoices):
    ORIENTATION = "orientation", _("جلسه توجیهی")
    CLUB = "club", _("جلسه کانون")
    THEMATIC_GROUP = "thematic_group", _("جلسه گروه موضوعی")
    TRAINING = "training", _("جلسه آموزشی")
    FORUM = "forum", _("جلسه مجمع سلامت محله")


class MeetingQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB


class Meeting(models.Model):
    club = models.ForeignKey(
        Club, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("کانون")
    )
    kind = models.CharField(_("نوع جلسه"), max_length=20, choices=MeetingKind.choices)
    group = models.ForeignKey(
        ThematicGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("گروه موضوعی"),
    )
    held_on = models.DateField(_("تاریخ"))
    starts_at = models.TimeField(_("ساعت شروع"), null=True, blank=True)
    place = models.CharField(_("محل برگزاری"), max_length=200, blank=True)
    agenda = models.TextField(_("دستور جلسه"), blank=True)
    minutes = models.TextField(_("صورتجلسه"), blank=True)
    decisions = models.TextField(_("مصوبات"), blank=True)
    attendees = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_attended", verbose_name=_("اعضای حاضر")
    )
    # Counted when attendance is saved, so reports never join attendance rows.
    members_female = models.PositiveIntegerField(_("اعضای زن حاضر"), default=0)
    members_male = models.PositiveIntegerField(_("اعضای مرد حاضر"), default=0)
    guests_female = models.PositiveIntegerField(_("حاضران زن غیرعضو"), default=0)
    guests_male = models.PositiveIntegerField(_("حاضران مرد غیرعضو"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ثبت‌کننده"),
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-starts_at", "-pk"]
        verbose_name = _("جلسه")
        verbose_name_plural = _("جلسات")
        indexes = [models.Index(fields=["club", "-held_on"], name="meeting_club_held_on")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="thematic_group") | Q(group__isnull=False),
                name="meeting_group_required_for_group_meeting",
                violation_error_message=_("برای جلسه گروه موضوعی، گروه را انتخاب کنید."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.club}"

    @property
    def attendance_total(self) -> int:
        return self.members_female + self.members_male + self.guests_female + self.guests_male


class ActionStatus(models.TextChoices):
    OPEN = "open", _("باز")
    IN_PROGRESS = "in_progress", _("در حال انجام")
    DONE = "done", _("انجام شد")
    CANCELLED = "cancelled", _("لغو شد")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItemQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB

    def open(self) -> ActionItemQuerySet:
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today: dt.date | None = None) -> ActionItemQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())


class ActionItem(models.Model):
    """Who does what by when (اقدام), usually decided in a meeting."""

    club = models.ForeignKey(
        Club, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("کانون")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("جلسه"),
    )
    title = models.CharField(_("اقدام"), max_length=300)
    owner_membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("مسئول (عضو)"),
    )
    owner_group = models.ForeignKey(
        ThematicGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("مسئول (گروه)"),
    )
    due_on = models.DateField(_("مهلت"))
    status = models.CharField(
        _("وضعیت"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("تاریخ انجام"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("اقدام")
        verbose_name_plural = _("اقدامات")
        indexes = [models.Index(fields=["club", "status", "due_on"], name="action_club_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(owner_membership__isnull=False) & Q(owner_group__isnull=False)),
                name="action_item_one_owner",
                violation_error_message=_("مسئول اقدام یا یک عضو است یا یک گروه، نه هر دو."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.owner_membership or self.owner_group

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_on < (today or timezone.localdate())
