"""The rollout model (مدل و چهارچوب تسهیلگری) as versioned reference data, each
club's progress through it, and each university's one-year action plan.

Template: a `TemplateVersion` has phases (فاز) → strategies (راهبرد) → activities
(فعالیت). Ministry admins publish new versions; a club follows one version
(`ClubRollout.version`) until it is moved, and its `ActivityProgress` rows point to
the activities of that version, so progress recorded against an old version is never
lost. Activities carry a stable `code` that a new version keeps for the "same"
activity; moving a club copies statuses by code.

Progress: one `ActivityProgress` row per (club, activity), its evidence
(`ActivityEvidence`: uploaded files or links to the portal's own records) and its
history (`ProgressEvent`). `ClubRollout` and `StrategySummary` are a small summary
kept by `services.rollout_refresh_summary`, which boards and roll-ups read.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from accounts.scopes import Action, Level, ScopedQuerySet
from clubs.models import VIA_CLUB
from core.text import persian_digits

# Two actions besides "view" and "change" on club-scoped rollout rows:
# `for_user(user, VERIFY)`: what the user may verify or send back (university staff);
# `for_user(user, CLUB_TEAM)`: the rows of the clubs the user works for as facilitator
# or secretary (what was sent back to them).
VERIFY = "verify"
CLUB_TEAM = "club_team"
VERIFIER_ROLES = frozenset({Role.UNIVERSITY_STAFF})
CLUB_TEAM_ROLES = frozenset({Role.FACILITATOR, Role.CLUB_SECRETARY})
_ACTION_ROLES = {VERIFY: VERIFIER_ROLES, CLUB_TEAM: CLUB_TEAM_ROLES}


def _private_location() -> str:
    return str(Path(settings.MEDIA_ROOT) / "private")


class PrivateStorage(FileSystemStorage):
    """Evidence files under MEDIA_ROOT/private/, never linked as public media: they
    are served only by views that check `for_user` (names are random UUIDs too)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("location", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):  # read MEDIA_ROOT at use time (tests override it)
        return self._value_or_setting(self._location, _private_location())

    def url(self, name):  # pragma: no cover - guarded on purpose
        raise NotImplementedError("Private evidence files are served by their download view.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of evidence files (a callable, so migrations name it by path)."""
    return _private_storage


def _evidence_path(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:6]
    return f"rollout/evidence/{instance.progress.club_id}/{uuid.uuid4().hex}{suffix}"


def _plan_evidence_path(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:6]
    return f"rollout/plan/{instance.entry.university_id}/{uuid.uuid4().hex}{suffix}"


# --- The template ---------------------------------------------------------------------


class EvidenceRuleKey(models.TextChoices):
    """Activities the portal's own data can satisfy (see `clubs/rollout/rules.py`)."""

    OFFICERS_ELECTED = "officers_elected", _("دبیر و جانشین فعلی در سامانه ثبت شده‌اند")
    CLUB_OPENED = "club_opened", _("تاریخ افتتاحیه کانون ثبت شده است")
    THEMATIC_GROUP_ACTIVE = "thematic_group_active", _("کانون گروه موضوعی فعال دارد")
    ORIENTATION_MEETING = "orientation_meeting", _("جلسه توجیهی در سامانه ثبت شده است")
    FORUM_REGULAR = "forum_regular", _("مجمع سلامت محله در سه ماه اخیر هر ماه برگزار شده است")


class TemplateVersionQuerySet(models.QuerySet):
    def published(self) -> TemplateVersionQuerySet:
        return self.filter(published_at__isnull=False)

    def current(self) -> TemplateVersion | None:
        """The latest published version: new clubs follow it."""
        return self.published().order_by("-number").first()


class TemplateVersion(models.Model):
    number = models.PositiveSmallIntegerField(_("شماره نسخه"), unique=True)
    title = models.CharField(_("عنوان"), max_length=200)
    source = models.CharField(_("منبع"), max_length=300, blank=True)
    notes = models.TextField(_("توضیحات"), blank=True)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)

    objects = TemplateVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("نسخه الگوی استقرار")
        verbose_name_plural = _("نسخه‌های الگوی استقرار")

    def __str__(self) -> str:
        return f"{self.title} (نسخه {persian_digits(self.number)})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Phase(models.Model):
    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="phases", verbose_name=_("نسخه")
    )
    number = models.PositiveSmallIntegerField(_("شماره فاز"))
    code = models.SlugField(_("شناسه پایدار"), max_length=40)
    title = models.CharField(_("عنوان"), max_length=200)

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("فاز")
        verbose_name_plural = _("فازها")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="phase_unique_number"),
            models.UniqueConstraint(fields=["version", "code"], name="phase_unique_code"),
        ]

    def __str__(self) -> str:
        return f"فاز {persian_digits(self.number)}: {self.title}"


class Strategy(models.Model):
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("فاز")
    )
    number = models.PositiveSmallIntegerField(
        _("شماره راهبرد"), help_text=_("شماره در کل الگو (۱ تا ۱۲)")
    )
    code = models.SlugField(_("شناسه پایدار"), max_length=40)
    title = models.CharField(_("عنوان"), max_length=200)
    description = models.TextField(_("شرح (متن سند)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("راهبرد")
        verbose_name_plural = _("راهبردها")
        constraints = [
            models.UniqueConstraint(fields=["phase", "number"], name="strategy_unique_number"),
            models.UniqueConstraint(fields=["phase", "code"], name="strategy_unique_code"),
        ]

    def __str__(self) -> str:
        return f"راهبرد {persian_digits(self.number)}: {self.title}"


class Activity(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="activities", verbose_name=_("راهبرد")
    )
    number = models.PositiveSmallIntegerField(_("ردیف در راهبرد"))
    code = models.SlugField(
        _("شناسه پایدار"),
        max_length=40,
        help_text=_("در نسخه‌های بعدی برای همین فعالیت همین شناسه را نگه دارید."),
    )
    title = models.CharField(_("عنوان"), max_length=300)
    description = models.TextField(_("توضیح"), blank=True)
    evidence_rule = models.CharField(
        _("قاعده تکمیل خودکار"),
        max_length=30,
        choices=EvidenceRuleKey.choices,
        blank=True,
        help_text=_("اگر داده‌های سامانه این فعالیت را نشان دهد، «انجام شد» پیشنهاد می‌شود."),
    )

    class Meta:
        ordering = ["strategy__number", "number"]
        verbose_name = _("فعالیت")
        verbose_name_plural = _("فعالیت‌ها")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="activity_unique_number"),
            models.UniqueConstraint(fields=["strategy", "code"], name="activity_unique_code"),
        ]

    def __str__(self) -> str:
        return self.title


# --- Per-club progress ---------------------------------------------------------------


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("شروع نشده")
    IN_PROGRESS = "in_progress", _("در حال انجام")
    DONE = "done", _("انجام شد (در انتظار تأیید)")
    VERIFIED = "verified", _("تأیید دانشگاه")
    NOT_APPLICABLE = "not_applicable", _("موضوعیت ندارد")


DONE_STATUSES = (ProgressStatus.DONE, ProgressStatus.VERIFIED)

# ClubRollout.current_phase after the last phase: every phase complete.
ALL_PHASES_COMPLETE = 5


class ClubScopedQuerySet(ScopedQuerySet):
    """A club-scoped queryset that also answers `for_user(user, VERIFY)` and
    `for_user(user, CLUB_TEAM)`."""

    scope_paths = VIA_CLUB

    def _roles_for(self, action):
        if action in _ACTION_ROLES:
            return _ACTION_ROLES[action]
        return super()._roles_for(Action(action))


class ClubRolloutQuerySet(ClubScopedQuerySet):
    pass


class ClubRollout(models.Model):
    """Which template version a club follows, and the summary of its progress (kept
    by the sync service; boards and roll-ups read this, not the activity rows).

    The club's current phase is the first phase not complete, where complete means
    every applicable activity (all but "not applicable") is VERIFIED by the university:
    the programme asks universities to prove progress, so only verification moves a
    club on. `reported_phase` is the same with "done" (waiting for verification)
    counted too; boards and roll-ups show both. After the last phase the value is
    ALL_PHASES_COMPLETE."""

    club = models.OneToOneField(
        "clubs.Club", on_delete=models.CASCADE, related_name="rollout", verbose_name=_("کانون")
    )
    version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="club_rollouts",
        verbose_name=_("نسخه الگو"),
    )
    current_phase = models.PositiveSmallIntegerField(
        _("فاز جاری (بر پایه تأیید دانشگاه)"), default=1
    )
    reported_phase = models.PositiveSmallIntegerField(
        _("فاز جاری (بر پایه گزارش کانون)"), default=1
    )
    applicable_count = models.PositiveSmallIntegerField(_("فعالیت‌های قابل اجرا"), default=0)
    done_count = models.PositiveSmallIntegerField(_("انجام‌شده یا تأییدشده"), default=0)
    verified_count = models.PositiveSmallIntegerField(_("تأییدشده"), default=0)
    waiting_count = models.PositiveSmallIntegerField(_("در انتظار تأیید"), default=0)
    returned_count = models.PositiveSmallIntegerField(_("بازگشت داده‌شده"), default=0)
    refreshed_at = models.DateTimeField(_("آخرین به‌روزرسانی"), null=True, blank=True)

    objects = ClubRolloutQuerySet.as_manager()

    class Meta:
        verbose_name = _("استقرار کانون")
        verbose_name_plural = _("استقرار کانون‌ها")
        indexes = [models.Index(fields=["current_phase"], name="club_rollout_phase")]

    def __str__(self) -> str:
        return f"{self.club} — {self.version}"

    @property
    def done_share(self) -> float:
        return self.done_count / self.applicable_count if self.applicable_count else 1.0

    @property
    def verified_share(self) -> float:
        return self.verified_count / self.applicable_count if self.applicable_count else 1.0


class StrategySummary(models.Model):
    """Per club and strategy number: applicable, done-or-verified and verified counts."""

    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.CASCADE,
        related_name="rollout_strategy_summaries",
        verbose_name=_("کانون"),
    )
    phase_number = models.PositiveSmallIntegerField(_("فاز"))
    strategy_number = models.PositiveSmallIntegerField(_("راهبرد"))
    applicable = models.PositiveSmallIntegerField(_("قابل اجرا"), default=0)
    done = models.PositiveSmallIntegerField(_("انجام‌شده یا تأییدشده"), default=0)
    verified = models.PositiveSmallIntegerField(_("تأییدشده"), default=0)

    objects = ClubScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("خلاصه پیشرفت راهبرد")
        verbose_name_plural = _("خلاصه پیشرفت راهبردها")
        constraints = [
            models.UniqueConstraint(
                fields=["club", "strategy_number"], name="strategy_summary_unique"
            ),
        ]
        indexes = [models.Index(fields=["strategy_number"], name="strategy_summary_number")]

    def __str__(self) -> str:
        return f"{self.club_id} — راهبرد {persian_digits(self.strategy_number)}"

    @property
    def done_share(self) -> float:
        return self.done / self.applicable if self.applicable else 1.0

    @property
    def verified_share(self) -> float:
        return self.verified / self.applicable if self.applicable else 1.0

    @property
    def is_complete(self) -> bool:
        return self.done >= self.applicable


class ActivityProgressQuerySet(ClubScopedQuerySet):
    def waiting_for_verification(self) -> ActivityProgressQuerySet:
        return self.filter(status=ProgressStatus.DONE)

    def sent_back(self) -> ActivityProgressQuerySet:
        return self.filter(sent_back=True)

    def of_followed_version(self) -> ActivityProgressQuerySet:
        """Rows of the version each club follows now (older versions' rows are history)."""
        return self.filter(activity__strategy__phase__version=models.F("club__rollout__version"))


class ActivityProgress(models.Model):
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.CASCADE,
        related_name="rollout_progress",
        verbose_name=_("کانون"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="progress", verbose_name=_("فعالیت")
    )
    status = models.CharField(
        _("وضعیت"),
        max_length=20,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    not_applicable_reason = models.CharField(_("دلیل عدم موضوعیت"), max_length=500, blank=True)
    started_on = models.DateField(_("تاریخ شروع"), null=True, blank=True)
    completed_on = models.DateField(_("تاریخ انجام"), null=True, blank=True)
    responsible = models.CharField(_("مسئول"), max_length=150, blank=True)
    notes = models.TextField(_("یادداشت"), blank=True)
    proposed_by_rule = models.CharField(
        _("پیشنهادشده توسط قاعده"), max_length=30, choices=EvidenceRuleKey.choices, blank=True
    )
    sent_back = models.BooleanField(_("بازگشت داده شده"), default=False)
    sent_back_comment = models.TextField(_("توضیح بازگشت"), blank=True)
    sent_back_at = models.DateTimeField(_("زمان بازگشت"), null=True, blank=True)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("بازگرداننده"),
    )
    verified_at = models.DateTimeField(_("زمان تأیید"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("تأییدکننده"),
    )
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    objects = ActivityProgressQuerySet.as_manager()

    class Meta:
        ordering = ["activity__strategy__number", "activity__number"]
        verbose_name = _("پیشرفت فعالیت")
        verbose_name_plural = _("پیشرفت فعالیت‌ها")
        constraints = [
            models.UniqueConstraint(fields=["club", "activity"], name="progress_one_per_activity"),
            models.CheckConstraint(
                condition=~Q(status="not_applicable") | ~Q(not_applicable_reason=""),
                name="progress_not_applicable_has_reason",
                violation_error_message=_("برای «موضوعیت ندارد» دلیل را بنویسید."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="progress_completed_after_started",
                violation_error_message=_("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "club"], name="progress_status_club"),
            models.Index(fields=["club"], condition=Q(sent_back=True), name="progress_sent_back"),
        ]

    def __str__(self) -> str:
        return f"{self.club} — {self.activity}"

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES


class EvidenceKind(models.TextChoices):
    FILE = "file", _("فایل")
    MEETING = "meeting", _("جلسه")
    OFFICER_TERM = "officer_term", _("انتخاب دبیر یا جانشین")
    THEMATIC_GROUP = "thematic_group", _("گروه موضوعی")
    RECORD = "record", _("سایر سوابق سامانه")


class ActivityEvidenceQuerySet(ScopedQuerySet):
    scope_paths = {level: f"progress__{path}" for level, path in VIA_CLUB.items()}


class ActivityEvidence(models.Model):
    """Evidence of an activity: an uploaded file (photo, PDF) or a link to one of the
    portal's own records. `record` is a generic slot for records of other apps (a
    survey response): `services.evidence_link(record=...)` accepts any model instance
    of a club in scope."""

    progress = models.ForeignKey(
        ActivityProgress,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("فعالیت"),
    )
    kind = models.CharField(_("نوع"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(
        _("فایل"), upload_to=_evidence_path, storage=private_storage, blank=True, max_length=200
    )
    original_name = models.CharField(_("نام فایل"), max_length=200, blank=True)
    content_type = models.CharField(_("نوع فایل"), max_length=60, blank=True)
    size = models.PositiveIntegerField(_("اندازه (بایت)"), null=True, blank=True)
    meeting = models.ForeignKey(
        "clubs.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("جلسه"),
    )
    officer_term = models.ForeignKey(
        "clubs.OfficerTerm",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("انتخاب دبیر یا جانشین"),
    )
    thematic_group = models.ForeignKey(
        "clubs.ThematicGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("گروه موضوعی"),
    )
    record_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("نوع سابقه"),
    )
    record_id = models.PositiveBigIntegerField(_("شناسه سابقه"), null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    note = models.CharField(_("توضیح"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ثبت‌کننده"),
    )
    added_by_rule = models.CharField(
        _("افزوده‌شده توسط قاعده"), max_length=30, choices=EvidenceRuleKey.choices, blank=True
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = ActivityEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("مستند فعالیت")
        verbose_name_plural = _("مستندات فعالیت‌ها")
        constraints = [
            models.CheckConstraint(
                name="evidence_kind_matches_target",
                condition=(
                    Q(kind="file", meeting__isnull=True, officer_term__isnull=True)
                    & Q(thematic_group__isnull=True, record_id__isnull=True)
                    & ~Q(file="")
                )
                | Q(
                    kind="meeting",
                    meeting__isnull=False,
                    officer_term__isnull=True,
                    thematic_group__isnull=True,
                    record_id__isnull=True,
                    file="",
                )
                | Q(
                    kind="officer_term",
                    meeting__isnull=True,
                    officer_term__isnull=False,
                    thematic_group__isnull=True,
                    record_id__isnull=True,
                    file="",
                )
                | Q(
                    kind="thematic_group",
                    meeting__isnull=True,
                    officer_term__isnull=True,
                    thematic_group__isnull=False,
                    record_id__isnull=True,
                    file="",
                )
                | Q(
                    kind="record",
                    meeting__isnull=True,
                    officer_term__isnull=True,
                    thematic_group__isnull=True,
                    record_type__isnull=False,
                    record_id__isnull=False,
                    file="",
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @cached_property
    def label(self) -> str:
        if self.kind == EvidenceKind.FILE:
            return self.original_name or self.file.name
        target = self.meeting or self.officer_term or self.thematic_group or self.record
        return str(target) if target is not None else "—"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ProgressEventKind(models.TextChoices):
    STATUS = "status", _("تغییر وضعیت")
    EDIT = "edit", _("ویرایش جزئیات")
    PROPOSED = "proposed", _("پیشنهاد خودکار از داده‌های سامانه")
    VERIFIED = "verified", _("تأیید دانشگاه")
    SENT_BACK = "sent_back", _("بازگشت برای اصلاح")
    EVIDENCE_ADDED = "evidence_added", _("افزودن مستند")
    EVIDENCE_REMOVED = "evidence_removed", _("حذف مستند")
    MOVED = "moved", _("انتقال به نسخه جدید الگو")


class ProgressEventQuerySet(ScopedQuerySet):
    scope_paths = {level: f"progress__{path}" for level, path in VIA_CLUB.items()}


class ProgressEvent(models.Model):
    """The history of an activity's progress: who, when, old → new status, comment."""

    progress = models.ForeignKey(
        ActivityProgress, on_delete=models.CASCADE, related_name="events", verbose_name=_("فعالیت")
    )
    kind = models.CharField(_("رویداد"), max_length=20, choices=ProgressEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("کاربر"),
    )
    old_status = models.CharField(
        _("وضعیت قبلی"), max_length=20, choices=ProgressStatus.choices, blank=True
    )
    new_status = models.CharField(
        _("وضعیت جدید"), max_length=20, choices=ProgressStatus.choices, blank=True
    )
    comment = models.TextField(_("توضیح"), blank=True)
    at = models.DateTimeField(_("زمان"), auto_now_add=True)

    objects = ProgressEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("رویداد پیشرفت")
        verbose_name_plural = _("تاریخچه پیشرفت")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.progress}"


# --- The university's one-year action plan (برنامه اقدام راهبری مجریان) -------------


class PlanArea(models.Model):
    """An area of the plan (محور), or the step-one programme (گام اول)."""

    code = models.SlugField(_("شناسه"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("ترتیب"), unique=True)
    title = models.CharField(_("عنوان"), max_length=200)
    is_step_one = models.BooleanField(_("گام اول"), default=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("محور برنامه اقدام راهبری")
        verbose_name_plural = _("محورهای برنامه اقدام راهبری")

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    area = models.ForeignKey(
        PlanArea, on_delete=models.PROTECT, related_name="items", verbose_name=_("محور")
    )
    code = models.SlugField(_("شناسه"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("ردیف"))
    title = models.CharField(_("عنوان"), max_length=300)
    is_active = models.BooleanField(_("فعال"), default=True)

    class Meta:
        ordering = ["area__number", "number"]
        verbose_name = _("اقدام برنامه راهبری")
        verbose_name_plural = _("اقدامات برنامه راهبری")
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="plan_item_unique_number"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("شروع نشده")
    IN_PROGRESS = "in_progress", _("در حال انجام")
    DONE = "done", _("انجام شد")


# Ministry admins see every university's plan; university staff see and edit their own.
PLAN_VIEW_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF})
PLAN_CHANGE_ROLES = frozenset({Role.UNIVERSITY_STAFF})


class PlanUniversityQuerySet(ScopedQuerySet):
    """Universities whose action plan the user may see (`for_user(user)`) or edit
    (`for_user(user, "change")`): `plan_universities().for_user(user)`."""

    scope_paths = {Level.UNIVERSITY: "pk"}
    view_roles = PLAN_VIEW_ROLES
    change_roles = PLAN_CHANGE_ROLES


def plan_universities() -> PlanUniversityQuerySet:
    from regions.models import MedicalUniversity

    return PlanUniversityQuerySet(model=MedicalUniversity)


class UniversityPlanEntryQuerySet(ScopedQuerySet):
    scope_paths = {Level.UNIVERSITY: "university"}
    view_roles = PLAN_VIEW_ROLES
    change_roles = PLAN_CHANGE_ROLES


class UniversityPlanEntry(models.Model):
    """One university's progress on one item of the action plan."""

    university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.CASCADE,
        related_name="plan_entries",
        verbose_name=_("دانشگاه"),
    )
    item = models.ForeignKey(
        PlanItem, on_delete=models.PROTECT, related_name="entries", verbose_name=_("اقدام")
    )
    status = models.CharField(
        _("وضعیت"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.NOT_STARTED
    )
    started_on = models.DateField(_("تاریخ شروع"), null=True, blank=True)
    due_on = models.DateField(_("مهلت"), null=True, blank=True)
    completed_on = models.DateField(_("تاریخ انجام"), null=True, blank=True)
    notes = models.TextField(_("یادداشت"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("آخرین ویرایشگر"),
    )
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    history = HistoricalRecords()
    objects = UniversityPlanEntryQuerySet.as_manager()

    class Meta:
        ordering = ["university", "item__area__number", "item__number"]
        verbose_name = _("پیشرفت برنامه اقدام دانشگاه")
        verbose_name_plural = _("پیشرفت برنامه اقدام دانشگاه‌ها")
        constraints = [
            models.UniqueConstraint(fields=["university", "item"], name="plan_entry_unique"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="plan_entry_completed_after_started",
                violation_error_message=_("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.university} — {self.item}"


# django-simple-history names the app package ("clubs.rollout") as the historical
# model's module because this app's label is not its path; the class lives here.
UniversityPlanEntry.history.model.__module__ = __name__


class PlanEvidenceQuerySet(ScopedQuerySet):
    scope_paths = {Level.UNIVERSITY: "entry__university"}
    view_roles = UniversityPlanEntryQuerySet.view_roles
    change_roles = UniversityPlanEntryQuerySet.change_roles


class PlanEvidence(models.Model):
    entry = models.ForeignKey(
        UniversityPlanEntry,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("اقدام"),
    )
    file = models.FileField(
        _("فایل"), upload_to=_plan_evidence_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("نام فایل"), max_length=200)
    content_type = models.CharField(_("نوع فایل"), max_length=60)
    size = models.PositiveIntegerField(_("اندازه (بایت)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("بارگذاری‌کننده"),
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = PlanEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("مستند برنامه اقدام")
        verbose_name_plural = _("مستندات برنامه اقدام")

    def __str__(self) -> str:
        return self.original_name


# --- Exports of the board too large for one request ------------------------------------------


def _export_path(instance, filename: str) -> str:
    return f"rollout/exports/{instance.requested_by_id}/{uuid.uuid4().hex}.xlsx"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("در حال آماده‌سازی")
    DONE = "done", _("آماده")
    FAILED = "failed", _("ناموفق")


class BoardExport(models.Model):
    """A board export run by a Celery worker (national exports take minutes); only
    the person who asked for it may download it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("درخواست‌کننده"),
    )
    params = models.JSONField(_("فیلترها"), default=dict, blank=True)
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(
        _("فایل"), upload_to=_export_path, storage=private_storage, blank=True, max_length=200
    )
    row_count = models.PositiveIntegerField(_("تعداد کانون"), default=0)
    created_at = models.DateTimeField(_("زمان درخواست"), auto_now_add=True)
    finished_at = models.DateTimeField(_("زمان پایان"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("خروجی جدول استقرار")
        verbose_name_plural = _("خروجی‌های جدول استقرار")

    def __str__(self) -> str:
        return f"{self.requested_by} — {self.created_at:%Y-%m-%d %H:%M}"
