"""Every write of the surveys app: building questionnaires (with versioning), campaigns,
responses, indicators, and turning a needs-assessment finding into a forum issue.

Each function is atomic: when it raises `ValidationError` (a Persian message for the
person), nothing it did is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.models import Club, ThematicTopic
from core.text import format_number, persian_digits
from surveys.models import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    Answer,
    Campaign,
    CampaignStatus,
    CampaignTarget,
    Choice,
    Indicator,
    IndicatorTarget,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    QuestionType,
    Response,
    ResponseStatus,
    Section,
)
from surveys.selectors import version_questions, version_spec
from surveys.specs import (
    FormSpec,
    QuestionSpec,
    SectionSpec,
    VisibilityRule,
    question_errors,
    spec_errors,
    visible_names,
)

# --- Questionnaires and versions -----------------------------------------------------


@transaction.atomic
def version_from_spec(
    *, questionnaire: Questionnaire, spec: FormSpec, number: int, by=None, note: str = ""
) -> QuestionnaireVersion:
    """Create version `number` of `questionnaire` with the sections, questions, choices
    and conditions of `spec`, and make it the current version."""
    errors = spec_errors(spec)
    if errors:
        raise ValidationError(errors)
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=number, created_by=by, note=note
    )
    topic_codes = {q.topic_code for q in spec.questions() if q.topic_code}
    topics = dict(ThematicTopic.objects.filter(code__in=topic_codes).values_list("code", "pk"))
    sections = Section.objects.bulk_create(
        Section(version=version, title=s.title, description=s.description, order=i)
        for i, s in enumerate(spec.sections)
    )
    questions: list[Question] = []
    for section, section_spec in zip(sections, spec.sections, strict=True):
        for order, q in enumerate(section_spec.questions):
            questions.append(
                Question(
                    version=version,
                    section=section,
                    name=q.name,
                    label=q.label,
                    hint=q.hint,
                    type=q.type,
                    required=q.required,
                    min_value=q.min_value,
                    max_value=q.max_value,
                    likert_scale=q.likert_scale if q.type == QuestionType.LIKERT else "",
                    topic_id=topics.get(q.topic_code),
                    order=order,
                )
            )
    questions = Question.objects.bulk_create(questions)
    by_name = {q.name: q for q in questions}
    Choice.objects.bulk_create(
        Choice(question=by_name[q.name], value=c.value, label=c.label, order=i)
        for q in spec.questions()
        if q.type in CHOICE_TYPES
        for i, c in enumerate(q.choices)
    )
    conditional = []
    for q in spec.questions():
        if q.condition is not None:
            row = by_name[q.name]
            row.condition_question = by_name[q.condition.question]
            row.condition_operator = q.condition.operator
            row.condition_value = q.condition.value
            conditional.append(row)
    if conditional:
        Question.objects.bulk_update(
            conditional, ["condition_question", "condition_operator", "condition_value"]
        )
    questionnaire.current_version = version
    questionnaire.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def questionnaire_create_from_spec(
    *, spec: FormSpec, owner_university=None, by=None, shipped_code: str = ""
) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        title=spec.title.strip(),
        description=spec.description,
        kind=spec.kind,
        owner_university=owner_university,
        shipped_code=shipped_code,
        created_by=by,
    )
    version_from_spec(questionnaire=questionnaire, spec=spec, number=1, by=by)
    return questionnaire


def questionnaire_create(
    *, title: str, description: str = "", kind: str, owner_university=None, by=None
) -> Questionnaire:
    """A new questionnaire with one empty section to add questions to."""
    spec = FormSpec(
        title=title,
        description=description,
        kind=kind,
        sections=[SectionSpec(title=_("بخش ۱"))],
    )
    return questionnaire_create_from_spec(spec=spec, owner_university=owner_university, by=by)


@transaction.atomic
def questionnaire_update(
    *, questionnaire: Questionnaire, title: str, description: str, kind: str, by=None
) -> Questionnaire:
    """Title, description and kind are not part of a version: they change in place."""
    questionnaire.title = title.strip()
    questionnaire.description = description
    questionnaire.kind = kind
    questionnaire.full_clean(exclude=["current_version", "owner_university", "created_by"])
    questionnaire.save(update_fields=["title", "description", "kind", "updated_at"])
    return questionnaire


@transaction.atomic
def questionnaire_copy(
    *, questionnaire: Questionnaire, owner_university=None, by=None, title: str = ""
) -> Questionnaire:
    """A new questionnaire (version 1) with the current version's content, owned by
    `owner_university` (None: national) — how a university adapts a template."""
    spec = version_spec(questionnaire.current_version)
    spec.title = title or _("%(title)s (رونوشت)") % {"title": questionnaire.title}
    return questionnaire_create_from_spec(spec=spec, owner_university=owner_university, by=by)


@transaction.atomic
def questionnaire_set_archived(*, questionnaire: Questionnaire, archived: bool, by=None) -> None:
    questionnaire.is_archived = archived
    questionnaire.save(update_fields=["is_archived", "updated_at"])


def version_is_locked(version: QuestionnaireVersion) -> bool:
    """A version that has responses (drafts included) is never edited again."""
    return Response.objects.filter(version=version).exists()


@dataclass
class Editable:
    """The version edits go to, and where the objects of the version being edited
    went (they are new rows when the edit made a new version)."""

    version: QuestionnaireVersion
    created: bool
    sections: dict[int, Section]
    questions: dict[int, Question]

    def section(self, section: Section) -> Section:
        return self.sections[section.pk]

    def question(self, question: Question) -> Question:
        return self.questions[question.pk]


def _editable(questionnaire: Questionnaire, by) -> Editable:
    current = questionnaire.current_version
    old_sections = list(current.sections.order_by("order", "pk"))
    old_questions = list(current.questions.all())
    if not version_is_locked(current):
        return Editable(
            current,
            False,
            {s.pk: s for s in old_sections},
            {q.pk: q for q in old_questions},
        )
    new = version_from_spec(
        questionnaire=questionnaire,
        spec=version_spec(current),
        number=current.number + 1,
        by=by,
        note=_("ساخته‌شده با ویرایش نسخه %(n)s که پاسخ داشت")
        % {"n": persian_digits(current.number)},
    )
    new_sections = list(new.sections.order_by("order", "pk"))
    new_questions = {q.name: q for q in new.questions.all()}
    return Editable(
        new,
        True,
        {old.pk: fresh for old, fresh in zip(old_sections, new_sections, strict=True)},
        {q.pk: new_questions[q.name] for q in old_questions},
    )


def _check_version(version: QuestionnaireVersion) -> None:
    """After an edit: the whole version must still obey the rules (conditions point
    to earlier questions, dependents fit their source's type and options…)."""
    errors = spec_errors(version_spec(version))
    if errors:
        raise ValidationError(errors)


def _renumber(rows: Iterable, field: str = "order") -> None:
    rows = list(rows)
    for i, row in enumerate(rows):
        setattr(row, field, i)
    if rows:
        type(rows[0]).objects.bulk_update(rows, [field])


@transaction.atomic
def section_save(
    *,
    questionnaire: Questionnaire,
    section: Section | None = None,
    title: str,
    description: str = "",
    by=None,
) -> Section:
    if not title.strip():
        raise ValidationError(_("عنوان بخش را بنویسید."))
    editable = _editable(questionnaire, by)
    if section is None:
        last = editable.version.sections.order_by("-order").first()
        return Section.objects.create(
            version=editable.version,
            title=title.strip(),
            description=description,
            order=(last.order + 1) if last else 0,
        )
    target = editable.section(section)
    target.title = title.strip()
    target.description = description
    target.save(update_fields=["title", "description"])
    return target


@transaction.atomic
def section_delete(*, questionnaire: Questionnaire, section: Section, by=None) -> None:
    editable = _editable(questionnaire, by)
    target = editable.section(section)
    if editable.version.sections.count() == 1:
        raise ValidationError(_("پرسشنامه دست‌کم یک بخش می‌خواهد."))
    dependents = Question.objects.filter(condition_question__section=target).exclude(section=target)
    if dependents.exists():
        raise ValidationError(
            _("پرسش‌های «%(names)s» به پرسش‌های این بخش شرط دارند؛ نخست شرط آن‌ها را بردارید.")
            % {"names": "، ".join(q.label for q in dependents)}
        )
    target.delete()
    _renumber(editable.version.sections.order_by("order", "pk"))


@transaction.atomic
def section_move(*, questionnaire: Questionnaire, section: Section, up: bool, by=None) -> None:
    editable = _editable(questionnaire, by)
    target = editable.section(section)
    sections = list(editable.version.sections.order_by("order", "pk"))
    index = sections.index(target)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    _renumber(sections)
    _check_version(editable.version)


@transaction.atomic
def question_save(
    *,
    questionnaire: Questionnaire,
    section: Section,
    question: Question | None = None,
    spec: QuestionSpec,
    by=None,
) -> Question:
    """Add a question at the end of `section`, or change `question` (and move it to
    `section` when that differs). The version is checked as a whole afterwards."""
    current = questionnaire.current_version
    others = [q for q in version_questions(current) if question is None or q.pk != question.pk]
    if spec.name in {q.name for q in others}:
        raise ValidationError(
            _("نام فنی «%(name)s» در این پرسشنامه تکراری است.") % {"name": spec.name}
        )
    problems = question_errors(replace(spec, condition=None), {})
    if problems:
        raise ValidationError(problems)
    editable = _editable(questionnaire, by)
    section = editable.section(section)
    if question is None:
        last = section.questions.order_by("-order").first()
        row = Question(
            version=editable.version, section=section, order=(last.order + 1) if last else 0
        )
    else:
        row = editable.question(question)
        if row.section_id != section.pk:
            last = section.questions.order_by("-order").first()
            row.order = (last.order + 1) if last else 0
        row.section = section
    row.name = spec.name
    row.label = spec.label.strip()
    row.hint = spec.hint.strip()
    row.type = spec.type
    row.required = spec.required
    row.min_value = spec.min_value
    row.max_value = spec.max_value
    row.likert_scale = spec.likert_scale if spec.type == QuestionType.LIKERT else ""
    row.topic = (
        ThematicTopic.objects.filter(code=spec.topic_code).first() if spec.topic_code else None
    )
    if spec.condition is None:
        row.condition_question = None
        row.condition_operator = ""
        row.condition_value = ""
    else:
        source = editable.version.questions.filter(name=spec.condition.question).first()
        if source is None:
            raise ValidationError(_("پرسشی که شرط به آن اشاره دارد پیدا نشد."))
        row.condition_question = source
        row.condition_operator = spec.condition.operator
        row.condition_value = spec.condition.value
    row.save()
    row.choices.all().delete()
    if spec.type in CHOICE_TYPES:
        Choice.objects.bulk_create(
            Choice(question=row, value=c.value, label=c.label.strip(), order=i)
            for i, c in enumerate(spec.choices)
        )
    _check_version(editable.version)
    return row


@transaction.atomic
def question_delete(*, questionnaire: Questionnaire, question: Question, by=None) -> None:
    dependents = list(question.dependents.all())
    if dependents:
        raise ValidationError(
            _("پرسش‌های «%(names)s» به این پرسش شرط دارند؛ نخست شرط آن‌ها را بردارید.")
            % {"names": "، ".join(q.label for q in dependents)}
        )
    editable = _editable(questionnaire, by)
    target = editable.question(question)
    section = target.section
    target.delete()
    _renumber(section.questions.order_by("order", "pk"))


@transaction.atomic
def question_move(*, questionnaire: Questionnaire, question: Question, up: bool, by=None) -> None:
    """Swap a question with its neighbour in its section; refused when a condition
    would then point to a later question."""
    editable = _editable(questionnaire, by)
    target = editable.question(question)
    siblings = list(target.section.questions.order_by("order", "pk"))
    index = siblings.index(target)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber(siblings)
    _check_version(editable.version)


# --- Campaigns --------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    title: str,
    questionnaire: Questionnaire,
    owner_university=None,
    starts_on: dt.date,
    ends_on: dt.date,
    period_key: str = "",
    target_per_club: int,
    clubs: QuerySet[Club],
    by=None,
) -> Campaign:
    if ends_on < starts_on:
        raise ValidationError(_("پایان پویش نمی‌تواند پیش از آغاز آن باشد."))
    if target_per_club < 1:
        raise ValidationError(_("تعداد پاسخ هدف باید دست‌کم ۱ باشد."))
    club_ids = list(clubs.order_by().values_list("pk", flat=True).distinct())
    if not club_ids:
        raise ValidationError(_("دست‌کم یک کانون برای پویش انتخاب کنید."))
    if questionnaire.is_archived:
        raise ValidationError(_("پرسشنامه بایگانی‌شده را نمی‌توان در پویش به کار برد."))
    campaign = Campaign.objects.create(
        title=title.strip(),
        questionnaire=questionnaire,
        version=questionnaire.current_version,
        owner_university=owner_university,
        starts_on=starts_on,
        ends_on=ends_on,
        period_key=period_key,
        target_per_club=target_per_club,
        created_by=by,
    )
    CampaignTarget.objects.bulk_create(
        (CampaignTarget(campaign=campaign, club_id=pk) for pk in club_ids), batch_size=2000
    )
    return campaign


@transaction.atomic
def campaign_set_status(*, campaign: Campaign, status: str, by=None) -> Campaign:
    campaign.status = status
    campaign.save(update_fields=["status"])
    return campaign


@transaction.atomic
def campaign_use_current_version(*, campaign: Campaign, by=None) -> Campaign:
    """New responses answer the questionnaire's current version from now on (those
    already started keep theirs; results join versions by the questions' names)."""
    campaign.version = campaign.questionnaire.current_version
    campaign.save(update_fields=["version"])
    return campaign


@transaction.atomic
def campaigns_close_ended(*, today: dt.date | None = None) -> int:
    """Close the open campaigns whose period is over (idempotent)."""
    today = today or timezone.localdate()
    return Campaign.objects.filter(status=CampaignStatus.OPEN, ends_on__lt=today).update(
        status=CampaignStatus.CLOSED
    )


# --- Responses --------------------------------------------------------------------------


@transaction.atomic
def response_start(
    *, target: CampaignTarget, by, respondent_label: str = "", today: dt.date | None = None
) -> Response:
    """A new draft response for one respondent in one club of the campaign."""
    campaign = target.campaign
    if not campaign.is_accepting(today or timezone.localdate()):
        raise ValidationError(_("این پویش اکنون پاسخ نمی‌پذیرد."))
    response = Response.objects.create(
        campaign=campaign,
        club=target.club,
        version=campaign.version,
        respondent_label=respondent_label.strip(),
        created_by=by,
    )
    CampaignTarget.objects.filter(pk=target.pk).update(draft_count=F("draft_count") + 1)
    return response


def _rules(questions: list[Question]) -> list[VisibilityRule]:
    names = {q.pk: q.name for q in questions}
    return [
        VisibilityRule(
            name=q.name,
            type=q.type,
            condition_source=names.get(q.condition_question_id) if q.has_condition else None,
            operator=q.condition_operator,
            value=q.condition_value,
        )
        for q in questions
    ]


def visible_questions(questions: list[Question], values: Mapping[str, object]) -> set[str]:
    return visible_names(_rules(questions), values)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _value_errors(question: Question, value) -> list[str]:
    """The server's own check of one cleaned value (forms check first, in Persian too)."""
    errors = []
    options = {v for v, _label in question.option_pairs()}
    if question.type == QuestionType.MULTIPLE:
        chosen = list(value)
        if any(v not in options for v in chosen):
            errors.append(_("گزینه انتخاب‌شده در فهرست نیست."))
        if question.min_value is not None and len(chosen) < question.min_value:
            errors.append(
                _("دست‌کم %(n)s گزینه انتخاب کنید.") % {"n": format_number(question.min_value)}
            )
        if question.max_value is not None and len(chosen) > question.max_value:
            errors.append(
                _("حداکثر %(n)s گزینه انتخاب کنید.") % {"n": format_number(question.max_value)}
            )
    elif question.type in (QuestionType.SINGLE, QuestionType.LIKERT, QuestionType.YES_NO):
        if str(value) not in options:
            errors.append(_("گزینه انتخاب‌شده در فهرست نیست."))
    elif question.type in NUMERIC_TYPES:
        number = Decimal(value)
        if question.type == QuestionType.INTEGER and number != number.to_integral_value():
            errors.append(_("عدد صحیح وارد کنید."))
        if question.min_value is not None and number < question.min_value:
            errors.append(
                _("مقدار باید دست‌کم %(n)s باشد.") % {"n": format_number(question.min_value)}
            )
        if question.max_value is not None and number > question.max_value:
            errors.append(
                _("مقدار باید حداکثر %(n)s باشد.") % {"n": format_number(question.max_value)}
            )
    elif question.type == QuestionType.DATE and not isinstance(value, dt.date):
        errors.append(_("تاریخ درست نیست."))
    return errors


def _answer_rows(response: Response, question: Question, value) -> list[Answer]:
    if question.type == QuestionType.MULTIPLE:
        return [Answer(response=response, question=question, choice_value=v) for v in value]
    if question.type == QuestionType.LIKERT:
        return [
            Answer(
                response=response,
                question=question,
                choice_value=str(value),
                number_value=Decimal(str(value)),
            )
        ]
    if question.type in (QuestionType.SINGLE, QuestionType.YES_NO):
        return [Answer(response=response, question=question, choice_value=str(value))]
    if question.type in NUMERIC_TYPES:
        return [Answer(response=response, question=question, number_value=Decimal(value))]
    if question.type == QuestionType.DATE:
        return [Answer(response=response, question=question, date_value=value)]
    return [Answer(response=response, question=question, text_value=str(value))]


@transaction.atomic
def response_save(
    *, response: Response, values: Mapping[str, object], submit: bool, by
) -> Response:
    """Store a draft's answers (replacing what it had), or submit it.

    Questions hidden by their condition are skipped: whatever was sent for them is
    ignored and nothing is stored. On submit every shown required question must be
    answered. A submitted response is final."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != ResponseStatus.DRAFT:
        raise ValidationError(_("این پاسخ پیش‌تر ثبت نهایی شده و دیگر تغییر نمی‌کند."))
    if response.created_by_id != getattr(by, "pk", None):
        raise ValidationError(_("فقط پرسشگری که این پاسخ را آغاز کرده می‌تواند آن را کامل کند."))
    questions = version_questions(response.version)
    shown = visible_questions(questions, values)
    errors: dict[str, list[str]] = {}
    rows: list[Answer] = []
    for question in questions:
        if question.name not in shown:
            continue
        value = values.get(question.name)
        if _empty(value):
            if submit and question.required:
                errors[question.name] = [_("پاسخ به این پرسش الزامی است.")]
            continue
        problems = _value_errors(question, value)
        if problems:
            errors[question.name] = problems
            continue
        rows += _answer_rows(response, question, value)
    if errors:
        raise ValidationError(errors)
    response.answers.all().delete()
    Answer.objects.bulk_create(rows)
    fields = ["updated_at"]
    if submit:
        now = timezone.now()
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = now
        response.submitted_on = timezone.localdate(now)
        fields += ["status", "submitted_at", "submitted_on"]
        CampaignTarget.objects.filter(campaign=response.campaign_id, club=response.club_id).update(
            submitted_count=F("submitted_count") + 1, draft_count=F("draft_count") - 1
        )
    response.save(update_fields=fields)
    return response


@transaction.atomic
def response_delete(*, response: Response, by) -> None:
    if response.status != ResponseStatus.DRAFT:
        raise ValidationError(_("پاسخ ثبت‌شده حذف نمی‌شود."))
    if response.created_by_id != getattr(by, "pk", None):
        raise ValidationError(_("فقط پرسشگری که این پاسخ را آغاز کرده می‌تواند آن را حذف کند."))
    CampaignTarget.objects.filter(campaign=response.campaign_id, club=response.club_id).update(
        draft_count=F("draft_count") - 1
    )
    response.delete()


# --- Indicators ---------------------------------------------------------------------------


@transaction.atomic
def indicator_save(*, indicator: Indicator, by=None) -> Indicator:
    """Create or change an indicator (built by IndicatorForm); checked as a whole."""
    if indicator.pk is None:
        indicator.created_by = by
    indicator.full_clean(exclude=["created_by"])
    indicator.save()
    return indicator


@transaction.atomic
def indicator_target_set(
    *, indicator: Indicator, period_key: str, value: Decimal | None, by=None
) -> IndicatorTarget | None:
    """Set (or with None, clear) the target of one Jalali period."""
    if value is None:
        indicator.targets.filter(period_key=period_key).delete()
        return None
    target, _created = IndicatorTarget.objects.update_or_create(
        indicator=indicator, period_key=period_key, defaults={"value": value}
    )
    return target


# --- From findings to action ------------------------------------------------------------------


@dataclass(frozen=True)
class IssueDraft:
    """What a forum issue raised from a finding carries: its text and the evidence."""

    neighborhood_id: int
    topic_id: int
    title: str
    description: str
    source_description: str
    source_url: str


def finding_issue_draft(*, neighborhood, finding, campaign: Campaign | None = None) -> IssueDraft:
    """The issue a finding would become: its title, a description that freezes the
    numbers as they were when raised, and a link back to the evidence page."""
    url = reverse("surveys:neighborhood_findings", args=[neighborhood.pk])
    if campaign is not None:
        url += f"?campaign={campaign.pk}"
    url += f"#topic-{finding.topic_id}"
    source = _("نیازسنجی سلامت محله %(name)s") % {"name": neighborhood.name}
    if campaign is not None:
        source += f" — {campaign.title}"
    description = _(
        "این مسئله از یافته‌های نیازسنجی سلامت محله برخاسته است: «%(topic)s» در رتبه %(rank)s "
        "مشکلات محله قرار دارد؛ میانگین شدت %(mean)s از ۵ در %(n)s پاسخ، و %(high)s پاسخ‌دهنده "
        "(%(share)s) شدت آن را «زیاد» یا «خیلی زیاد» دانسته‌اند."
    ) % {
        "topic": finding.topic_name,
        "rank": format_number(finding.rank),
        "mean": format_number(finding.mean, 2),
        "n": format_number(finding.respondents),
        "high": format_number(finding.high_count),
        "share": "٪" + format_number(finding.high_share * 100, 0),
    }
    return IssueDraft(
        neighborhood_id=neighborhood.pk,
        topic_id=finding.topic_id,
        title=_("%(topic)s در محله %(name)s")
        % {"topic": finding.topic_name, "name": neighborhood.name},
        description=description,
        source_description=source,
        source_url=url,
    )


def finding_to_issue(*, neighborhood, topic_id: int, campaign: Campaign | None = None, by):
    """Raise a needs-assessment finding (a ranked problem of `neighborhood`) as an
    issue of that neighborhood's forum, linked back to the evidence.

    The finding is recomputed from the submitted responses (the caller only names the
    topic), so what is raised is what the evidence shows now, and the issue's text
    freezes those numbers (`finding_issue_draft`). Only the neighborhood forum's
    secretariat may raise it (the forums service checks); a finding already raised
    and still open at that forum is not raised twice.
    """
    from forums.models import CLOSED_ISSUE_STATUSES, Issue, IssueSource
    from forums.services import forum_for_neighborhood, issue_raise
    from surveys.selectors import neighborhood_ranked_problems

    findings = {
        f.topic_id: f
        for f in neighborhood_ranked_problems(neighborhood=neighborhood, campaign=campaign)
    }
    finding = findings.get(topic_id)
    if finding is None:
        raise ValidationError(_("برای این موضوع در این محله یافته‌ای از نیازسنجی نیست."))
    draft = finding_issue_draft(neighborhood=neighborhood, finding=finding, campaign=campaign)
    forum = forum_for_neighborhood(neighborhood)
    already = Issue.objects.filter(
        origin_forum=forum, source_kind=IssueSource.SURVEY, source_url=draft.source_url
    ).exclude(status__in=CLOSED_ISSUE_STATUSES)
    if already.exists():
        raise ValidationError(
            _("«%(title)s» پیش‌تر در مجمع سلامت محله طرح شده و هنوز باز است.")
            % {"title": draft.title}
        )
    return issue_raise(
        forum=forum,
        by=by,
        title=draft.title,
        description=draft.description,
        category=ThematicTopic.objects.get(pk=topic_id),
        severity=min(5, max(1, round(finding.mean))),
        source_kind=IssueSource.SURVEY,
        source_description=draft.source_description,
        source_url=draft.source_url,
    )
