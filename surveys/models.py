"""Questionnaires (پرسشنامه), data-collection campaigns (پویش), responses and the
monitoring indicators (شاخص‌ها) of the programme.

A questionnaire is a family of versions. Sections, questions and choices belong to a
version; a response points to the version it answered. Editing a questionnaire whose
current version already has responses first copies that version into a new one, so
answers never change meaning under their feet.

Questionnaires, campaigns and indicators are owned either nationally (ministry admins,
`owner_university` empty) or by one medical-sciences university (its staff). Viewing
follows the usual scope; changing is the owner's (see `OwnedQuerySet`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.scopes import Action, Level, ScopedQuerySet, scope_for
from clubs.models import VIA_CLUB

# XLSForm names: a letter or underscore, then letters, digits, _ . - (ODK's XML names).
NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"
NAME_RE = re.compile(NAME_PATTERN)
validate_name = RegexValidator(
    NAME_PATTERN,
    _("نام فنی فقط با حروف انگلیسی، رقم و _ نوشته می‌شود و با حرف شروع می‌شود."),
)
CHOICE_VALUE_PATTERN = r"^[^\s]+$"
CHOICE_PATTERN_RE = re.compile(CHOICE_VALUE_PATTERN)
validate_choice_value = RegexValidator(
    CHOICE_VALUE_PATTERN, _("مقدار گزینه نباید فاصله داشته باشد.")
)

OWNER_PATHS = {
    Level.UNIVERSITY: "owner_university",
    Level.PROVINCE: "owner_university__counties__province",
    Level.COUNTY: "owner_university__counties",
    Level.NEIGHBORHOOD: "owner_university__counties__neighborhoods",
    Level.CLUB: "owner_university__counties__neighborhoods__clubs",
}

# Roles that design questionnaires and campaigns, and the roles that fill responses.
DESIGNER_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF})
FILLER_ROLES = frozenset({Role.FACILITATOR, Role.CLUB_SECRETARY})


def owner_condition(user) -> Q | None:
    """Rows `user` may change: ministry admins the national ones, university staff
    their universities' ones. None when neither."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    condition: Q | None = None
    if user.has_role(Role.MINISTRY_ADMIN):
        condition = Q(owner_university__isnull=True)
    universities = scope_for(user, [Role.UNIVERSITY_STAFF]).ids_at(Level.UNIVERSITY)
    if universities:
        part = Q(owner_university__in=sorted(universities))
        condition = part if condition is None else condition | part
    return condition


class OwnedQuerySet(ScopedQuerySet):
    """Rows owned nationally or by a university.

    View: everything for national users; otherwise national rows for anyone holding a
    role (when `national_visible_to_all`) plus the rows `scope_paths` reaches.
    Change: the owner's (ministry admins: national rows; university staff: their
    university's rows)."""

    scope_paths = OWNER_PATHS
    scope_multivalued = True
    national_visible_to_all = True

    def for_user(self, user, action: Action | str = Action.VIEW):
        if Action(action) is Action.CHANGE:
            condition = owner_condition(user)
            return self.none() if condition is None else self.filter(condition)
        scope = scope_for(user, self.view_roles)
        if scope.national:
            return self.all()
        if scope.is_empty:
            return self.none()
        condition = Q(owner_university__isnull=True) if self.national_visible_to_all else None
        reach = scope.q(self.scope_paths)
        if reach is not None:
            part = Q(pk__in=self.model._base_manager.filter(reach).values("pk"))
            condition = part if condition is None else condition | part
        return self.none() if condition is None else self.filter(condition)


class QuestionnaireKind(models.TextChoices):
    NEEDS_ASSESSMENT = "needs_assessment", _("نیازسنجی سلامت محله")
    BASELINE = "baseline", _("مطالعات پایه")
    SATISFACTION = "satisfaction", _("رضایت‌سنجی")
    OTHER = "other", _("سایر")


class QuestionType(models.TextChoices):
    TEXT = "text", _("متن کوتاه")
    LONG_TEXT = "long_text", _("متن بلند")
    INTEGER = "integer", _("عدد صحیح")
    DECIMAL = "decimal", _("عدد اعشاری")
    SINGLE = "single", _("تک‌گزینه‌ای")
    MULTIPLE = "multiple", _("چندگزینه‌ای")
    LIKERT = "likert", _("طیف لیکرت (۵ گزینه‌ای)")
    DATE = "date", _("تاریخ (شمسی)")
    YES_NO = "yes_no", _("بله / خیر")


CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE})
NUMERIC_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL})
# Types whose answers are stored as choice values (counted per value in results).
VALUE_TYPES = frozenset(
    {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.LIKERT, QuestionType.YES_NO}
)


class LikertScale(models.TextChoices):
    AGREEMENT = "agreement", _("موافقت (کاملاً مخالفم … کاملاً موافقم)")
    SATISFACTION = "satisfaction", _("رضایت (بسیار ناراضی … بسیار راضی)")
    SEVERITY = "severity", _("شدت مشکل (خیلی کم … خیلی زیاد)")
    IMPORTANCE = "importance", _("اهمیت (بی‌اهمیت … بسیار مهم)")


LIKERT_LABELS: dict[str, tuple[str, str, str, str, str]] = {
    LikertScale.AGREEMENT: ("کاملاً مخالفم", "مخالفم", "نظری ندارم", "موافقم", "کاملاً موافقم"),
    LikertScale.SATISFACTION: ("بسیار ناراضی", "ناراضی", "متوسط", "راضی", "بسیار راضی"),
    LikertScale.SEVERITY: ("خیلی کم", "کم", "متوسط", "زیاد", "خیلی زیاد"),
    LikertScale.IMPORTANCE: ("بی‌اهمیت", "کم‌اهمیت", "تا حدی مهم", "مهم", "بسیار مهم"),
}
YES_NO_CHOICES = (("yes", "بله"), ("no", "خیر"))


class ConditionOperator(models.TextChoices):
    EQUALS = "eq", _("برابر باشد با")
    NOT_EQUALS = "neq", _("برابر نباشد با")
    CONTAINS = "contains", _("شامل این گزینه باشد")
    NOT_CONTAINS = "not_contains", _("شامل این گزینه نباشد")
    GT = "gt", _("بیشتر باشد از")
    GTE = "gte", _("بیشتر یا برابر باشد با")
    LT = "lt", _("کمتر باشد از")
    LTE = "lte", _("کمتر یا برابر باشد با")


class QuestionnaireQuerySet(OwnedQuerySet):
    def active(self) -> QuestionnaireQuerySet:
        return self.filter(is_archived=False)


class Questionnaire(models.Model):
    title = models.CharField(_("عنوان"), max_length=200)
    description = models.TextField(_("توضیح"), blank=True)
    kind = models.CharField(
        _("نوع"), max_length=20, choices=QuestionnaireKind.choices, default=QuestionnaireKind.OTHER
    )
    owner_university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("دانشگاه مالک"),
        help_text=_("خالی: پرسشنامه ملی (ستاد وزارت)"),
    )
    # The version new campaigns use and the builder edits; kept by the services.
    current_version = models.ForeignKey(
        "QuestionnaireVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("نسخه جاری"),
    )
    # Set on the questionnaires the portal ships (loaded after migrate); never reloaded
    # over an admin's edits.
    shipped_code = models.SlugField(_("شناسه الگوی آماده"), max_length=40, blank=True)
    is_archived = models.BooleanField(_("بایگانی‌شده"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("سازنده"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("پرسشنامه")
        verbose_name_plural = _("پرسشنامه‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["shipped_code"],
                condition=~Q(shipped_code=""),
                name="questionnaire_unique_shipped_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:questionnaire_detail", args=[self.pk])

    @property
    def owner_label(self) -> str:
        return str(self.owner_university) if self.owner_university_id else str(_("ملی"))


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("پرسشنامه"),
    )
    number = models.PositiveIntegerField(_("شماره نسخه"))
    note = models.CharField(_("یادداشت"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("سازنده"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "-number"]
        verbose_name = _("نسخه پرسشنامه")
        verbose_name_plural = _("نسخه‌های پرسشنامه")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} — نسخه {self.number}"


class Section(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("نسخه"),
    )
    title = models.CharField(_("عنوان بخش"), max_length=200)
    description = models.TextField(_("توضیح"), blank=True)
    order = models.PositiveIntegerField(_("ترتیب"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("بخش پرسشنامه")
        verbose_name_plural = _("بخش‌های پرسشنامه")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("نسخه"),
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("بخش")
    )
    name = models.CharField(
        _("نام فنی"),
        max_length=64,
        validators=[validate_name],
        help_text=_("شناسه ثابت پرسش در خروجی‌ها و XLSForm، مانند q1 یا age"),
    )
    label = models.CharField(_("متن پرسش"), max_length=500)
    hint = models.CharField(_("راهنما"), max_length=300, blank=True)
    type = models.CharField(_("نوع پرسش"), max_length=12, choices=QuestionType.choices)
    required = models.BooleanField(_("پاسخ الزامی"), default=False)
    min_value = models.DecimalField(
        _("کمینه"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("برای عدد: کمترین مقدار؛ برای چندگزینه‌ای: کمترین تعداد گزینه"),
    )
    max_value = models.DecimalField(
        _("بیشینه"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("برای عدد: بیشترین مقدار؛ برای چندگزینه‌ای: بیشترین تعداد گزینه"),
    )
    likert_scale = models.CharField(
        _("نوع طیف"), max_length=12, choices=LikertScale.choices, blank=True
    )
    # In a needs assessment: the thematic topic whose severity this question rates.
    topic = models.ForeignKey(
        "clubs.ThematicTopic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("موضوع سلامت"),
    )
    order = models.PositiveIntegerField(_("ترتیب"), default=0)
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("نمایش وابسته به پرسش"),
    )
    condition_operator = models.CharField(
        _("شرط"), max_length=12, choices=ConditionOperator.choices, blank=True
    )
    condition_value = models.CharField(_("مقدار شرط"), max_length=200, blank=True)

    class Meta:
        ordering = ["section__order", "section_id", "order", "pk"]
        verbose_name = _("پرسش")
        verbose_name_plural = _("پرسش‌ها")
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="question_unique_name"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="question_min_not_above_max",
                violation_error_message=_("کمینه نمی‌تواند از بیشینه بزرگ‌تر باشد."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def has_condition(self) -> bool:
        return self.condition_question_id is not None and bool(self.condition_operator)

    def option_pairs(self) -> list[tuple[str, str]]:
        """(value, label) of the question's options; needs `choices` prefetched for
        single and multiple choice questions."""
        if self.type == QuestionType.LIKERT:
            labels = LIKERT_LABELS[self.likert_scale or LikertScale.AGREEMENT]
            return [(str(i), label) for i, label in enumerate(labels, start=1)]
        if self.type == QuestionType.YES_NO:
            return list(YES_NO_CHOICES)
        if self.type in CHOICE_TYPES:
            return [(choice.value, choice.label) for choice in self.choices.all()]
        return []


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("پرسش")
    )
    value = models.CharField(_("مقدار"), max_length=64, validators=[validate_choice_value])
    label = models.CharField(_("عنوان گزینه"), max_length=300)
    order = models.PositiveIntegerField(_("ترتیب"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("گزینه")
        verbose_name_plural = _("گزینه‌ها")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_unique_value"),
        ]

    def __str__(self) -> str:
        return self.label


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("در جریان")
    CLOSED = "closed", _("بسته")


class CampaignQuerySet(OwnedQuerySet):
    """Seen by whoever's scope reaches one of its clubs; changed by its owner."""

    scope_paths = {
        Level.UNIVERSITY: "targets__club__neighborhood__county__university",
        Level.PROVINCE: "targets__club__neighborhood__county__province",
        Level.COUNTY: "targets__club__neighborhood__county",
        Level.NEIGHBORHOOD: "targets__club__neighborhood",
        Level.CLUB: "targets__club",
    }
    national_visible_to_all = False

    def accepting(self, today) -> CampaignQuerySet:
        """Open campaigns whose period includes `today`."""
        return self.filter(status=CampaignStatus.OPEN, starts_on__lte=today, ends_on__gte=today)


class Campaign(models.Model):
    """پویش گردآوری: a questionnaire given to a set of clubs for a Jalali period."""

    title = models.CharField(_("عنوان پویش"), max_length=200)
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("پرسشنامه"),
    )
    # The version new responses answer (responses keep their own).
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("نسخه پرسشنامه"),
    )
    owner_university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("دانشگاه برگزارکننده"),
    )
    starts_on = models.DateField(_("از تاریخ"))
    ends_on = models.DateField(_("تا تاریخ"))
    period_key = models.CharField(
        _("دوره"), max_length=10, blank=True, help_text=_("مانند 1404-01 یا 1404-S1")
    )
    target_per_club = models.PositiveIntegerField(
        _("تعداد پاسخ هدف برای هر کانون"), default=10, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ایجادکننده"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("پویش پرسشگری")
        verbose_name_plural = _("پویش‌های پرسشگری")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message=_("پایان پویش نمی‌تواند پیش از آغاز آن باشد."),
            ),
            models.CheckConstraint(
                condition=Q(target_per_club__gte=1), name="campaign_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:campaign_detail", args=[self.pk])

    def is_accepting(self, today) -> bool:
        return self.status == CampaignStatus.OPEN and self.starts_on <= today <= self.ends_on


class CampaignTargetQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB
    change_roles = FILLER_ROLES


class CampaignTarget(models.Model):
    """A club taking part in a campaign, with its counters (the progress summary)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("پویش")
    )
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.CASCADE,
        related_name="survey_targets",
        verbose_name=_("کانون"),
    )
    # Kept by the response services (progress pages read these, never count answers).
    submitted_count = models.PositiveIntegerField(_("پاسخ ثبت‌شده"), default=0)
    draft_count = models.PositiveIntegerField(_("پیش‌نویس"), default=0)

    objects = CampaignTargetQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "club__name"]
        verbose_name = _("کانون پویش")
        verbose_name_plural = _("کانون‌های پویش")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "club"], name="campaign_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.club}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("پیش‌نویس")
    SUBMITTED = "submitted", _("ثبت نهایی")


class ResponseQuerySet(ScopedQuerySet):
    scope_paths = VIA_CLUB
    change_roles = FILLER_ROLES

    def submitted(self) -> ResponseQuerySet:
        return self.filter(status=ResponseStatus.SUBMITTED)


class Response(models.Model):
    """One respondent's answers to one campaign's questionnaire, in one club."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="responses", verbose_name=_("پویش")
    )
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("کانون"),
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("نسخه پرسشنامه"),
    )
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    respondent_label = models.CharField(
        _("برچسب پاسخ‌دهنده"),
        max_length=100,
        blank=True,
        help_text=_("برای بازشناسی پیش‌نویس‌ها؛ نام کامل یا کد ملی ننویسید."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("پرسشگر"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخرین ذخیره"), auto_now=True)
    submitted_at = models.DateTimeField(_("زمان ثبت نهایی"), null=True, blank=True)
    submitted_on = models.DateField(_("تاریخ ثبت نهایی"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("پاسخ")
        verbose_name_plural = _("پاسخ‌ها")
        indexes = [
            models.Index(fields=["campaign", "status", "club"], name="response_campaign_status"),
            models.Index(fields=["club", "status", "submitted_on"], name="response_club_submitted"),
            models.Index(fields=["created_by", "status"], name="response_author_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", submitted_on__isnull=True)
                | Q(status="submitted", submitted_on__isnull=False),
                name="response_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.club} — {self.pk}"


class Answer(models.Model):
    """One answer; a multiple-choice answer is one row per chosen option. Choice-like
    answers (single, multiple, Likert, yes/no) keep the option's value in
    `choice_value`; Likert answers keep their score in `number_value` too."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("پاسخ")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("پرسش")
    )
    choice_value = models.CharField(_("گزینه"), max_length=64, blank=True, default="")
    text_value = models.TextField(_("متن"), blank=True)
    number_value = models.DecimalField(
        _("عدد"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    date_value = models.DateField(_("تاریخ"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("جواب")
        verbose_name_plural = _("جواب‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice_value"], name="answer_unique_value"
            ),
        ]
        indexes = [models.Index(fields=["question", "choice_value"], name="answer_question_value")]

    def __str__(self) -> str:
        return f"{self.question.name}={self.choice_value or self.text_value or self.number_value}"


class IndicatorSource(models.TextChoices):
    PORTAL = "portal", _("داده‌های سامانه (محاسبه آماده)")
    SURVEY = "survey", _("پاسخ‌های پرسشنامه")


class SurveyMeasure(models.TextChoices):
    SHARE = "share", _("سهم پاسخ‌هایی که گزینه مشخصی را انتخاب کرده‌اند")
    MEAN = "mean", _("میانگین پاسخ عددی یا لیکرت")


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("درصد")
    RATIO = "ratio", _("نسبت")
    SCORE = "score", _("امتیاز / میانگین")


class Indicator(models.Model):
    """شاخص پایش: defined nationally or by a university; its value is numerator ÷
    denominator per region and Jalali period (×۱۰۰ for percentages)."""

    name = models.CharField(_("نام شاخص"), max_length=200)
    definition = models.TextField(_("تعریف"), blank=True)
    numerator_label = models.CharField(_("صورت کسر"), max_length=300, blank=True)
    denominator_label = models.CharField(_("مخرج کسر"), max_length=300, blank=True)
    unit = models.CharField(
        _("واحد"), max_length=10, choices=IndicatorUnit.choices, default=IndicatorUnit.PERCENT
    )
    owner_university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("دانشگاه تعریف‌کننده"),
    )
    source = models.CharField(
        _("منبع داده"),
        max_length=10,
        choices=IndicatorSource.choices,
        default=IndicatorSource.PORTAL,
    )
    computation = models.CharField(_("محاسبه"), max_length=40, blank=True)
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("پرسشنامه"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("فقط پاسخ‌های این پویش"),
    )
    question_name = models.CharField(_("نام فنی پرسش"), max_length=64, blank=True)
    survey_measure = models.CharField(
        _("سنجه"), max_length=10, choices=SurveyMeasure.choices, blank=True
    )
    answer_value = models.CharField(_("گزینه شمرده‌شده"), max_length=64, blank=True)
    default_target = models.DecimalField(
        _("هدف پیش‌فرض"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("مقدار بیشتر بهتر است"), default=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("تعریف‌کننده"),
    )
    created_at = models.DateTimeField(_("زمان تعریف"), auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("شاخص")
        verbose_name_plural = _("شاخص‌ها")
        constraints = [
            models.CheckConstraint(
                condition=Q(source="portal", questionnaire__isnull=True) & ~Q(computation="")
                | Q(source="survey", questionnaire__isnull=False)
                & ~Q(question_name="")
                & ~Q(survey_measure=""),
                name="indicator_source_complete",
                violation_error_message=_(
                    "برای شاخص سامانه‌ای محاسبه، و برای شاخص پرسشنامه‌ای پرسشنامه، پرسش و سنجه را تعیین کنید."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("surveys:indicator_detail", args=[self.pk])

    def scaled(self, numerator: Decimal, denominator: Decimal) -> Decimal | None:
        if not denominator:
            return None
        value = Decimal(numerator) / Decimal(denominator)
        return value * 100 if self.unit == IndicatorUnit.PERCENT else value


class IndicatorTarget(models.Model):
    """The target of an indicator for one Jalali month (1404-01) or season (1404-S1)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("شاخص")
    )
    period_key = models.CharField(_("دوره"), max_length=10)
    value = models.DecimalField(_("مقدار هدف"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["indicator", "period_key"]
        verbose_name = _("هدف شاخص")
        verbose_name_plural = _("هدف‌های شاخص")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_key"], name="indicator_target_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.period_key}: {self.value}"
