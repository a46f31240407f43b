"""Reads of the surveys app: a version's questions, campaign progress (from the
per-club counters), results (aggregate queries, a fixed number per page), the ranked
problems of a neighborhood, and the home page's counts. Callers pass querysets that
already went through `for_user`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.models import (
    NUMERIC_TYPES,
    VALUE_TYPES,
    Answer,
    Campaign,
    CampaignTarget,
    Question,
    QuestionnaireKind,
    QuestionnaireVersion,
    QuestionType,
    Response,
    ResponseStatus,
    Section,
)
from surveys.specs import ChoiceSpec, ConditionSpec, FormSpec, QuestionSpec, SectionSpec

# --- Questionnaire structure --------------------------------------------------------------


def version_questions(version: QuestionnaireVersion) -> list[Question]:
    """The version's questions in order, with section, topic and choices (2 queries)."""
    return list(
        Question.objects.filter(version=version)
        .select_related("section", "topic")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "pk")
    )


def version_sections(version: QuestionnaireVersion) -> list[tuple[Section, list[Question]]]:
    """Sections in order, each with its questions (3 queries)."""
    sections = list(version.sections.order_by("order", "pk"))
    grouped: dict[int, list[Question]] = defaultdict(list)
    for question in version_questions(version):
        grouped[question.section_id].append(question)
    return [(section, grouped[section.pk]) for section in sections]


def version_spec(version: QuestionnaireVersion) -> FormSpec:
    """The version as plain data (what copies, new versions and XLSForm export use)."""
    questionnaire = version.questionnaire
    names = {}
    sections = []
    for section, questions in version_sections(version):
        section_spec = SectionSpec(title=section.title, description=section.description)
        for q in questions:
            names[q.pk] = q.name
            section_spec.questions.append(
                QuestionSpec(
                    name=q.name,
                    label=q.label,
                    type=q.type,
                    hint=q.hint,
                    required=q.required,
                    min_value=q.min_value,
                    max_value=q.max_value,
                    likert_scale=q.likert_scale,
                    topic_code=q.topic.code if q.topic_id else "",
                    choices=[ChoiceSpec(c.value, c.label) for c in q.choices.all()],
                    condition=ConditionSpec(
                        question=names.get(q.condition_question_id, ""),
                        operator=q.condition_operator,
                        value=q.condition_value,
                    )
                    if q.has_condition
                    else None,
                )
            )
        sections.append(section_spec)
    return FormSpec(
        title=questionnaire.title,
        description=questionnaire.description,
        kind=questionnaire.kind,
        sections=sections,
    )


# --- Campaigns ------------------------------------------------------------------------------


def campaigns_with_progress(campaigns: QuerySet[Campaign], user) -> QuerySet[Campaign]:
    """Each campaign with the clubs and submitted responses inside `user`'s scope."""
    targets = CampaignTarget.objects.for_user(user).filter(campaign=OuterRef("pk")).order_by()
    clubs = targets.values("campaign").annotate(n=Count("pk")).values("n")
    submitted = targets.values("campaign").annotate(n=Sum("submitted_count")).values("n")
    return campaigns.select_related("questionnaire", "owner_university").annotate(
        scoped_clubs=Coalesce(Subquery(clubs, output_field=IntegerField()), Value(0)),
        scoped_submitted=Coalesce(Subquery(submitted, output_field=IntegerField()), Value(0)),
    )


@dataclass
class Progress:
    clubs: int
    submitted: int
    drafts: int
    reached: int
    target_total: int

    @property
    def share(self) -> float | None:
        return min(self.submitted / self.target_total, 1.0) if self.target_total else None


def campaign_progress(campaign: Campaign, targets: QuerySet[CampaignTarget]) -> Progress:
    """Totals over the (scoped) targets of a campaign, from the counters (1 query)."""
    totals = targets.order_by().aggregate(
        clubs=Count("pk"),
        submitted=Coalesce(Sum("submitted_count"), 0),
        drafts=Coalesce(Sum("draft_count"), 0),
        reached=Count("pk", filter=Q(submitted_count__gte=campaign.target_per_club)),
    )
    return Progress(
        clubs=totals["clubs"],
        submitted=totals["submitted"],
        drafts=totals["drafts"],
        reached=totals["reached"],
        target_total=totals["clubs"] * campaign.target_per_club,
    )


def campaign_progress_by_county(campaign: Campaign, targets: QuerySet[CampaignTarget]) -> list:
    """One row per county: clubs, submitted responses, clubs at target (1 query)."""
    rows = (
        targets.order_by()
        .values(
            county_id=F("club__neighborhood__county"),
            county=F("club__neighborhood__county__name"),
            university=F("club__neighborhood__county__university__name"),
        )
        .annotate(
            clubs=Count("pk"),
            submitted=Coalesce(Sum("submitted_count"), 0),
            reached=Count("pk", filter=Q(submitted_count__gte=campaign.target_per_club)),
        )
        .order_by("university", "county")
    )
    result = []
    for row in rows:
        target_total = row["clubs"] * campaign.target_per_club
        row["share"] = min(row["submitted"] / target_total, 1.0) if target_total else None
        result.append(row)
    return result


def fillable_targets(user, today: dt.date | None = None) -> QuerySet[CampaignTarget]:
    """The clubs of accepting campaigns for which `user` may start responses."""
    today = today or timezone.localdate()
    return (
        CampaignTarget.objects.for_user(user, "change")
        .filter(
            campaign__in=Campaign.objects.accepting(today),
        )
        .select_related("campaign", "club__neighborhood")
        .order_by("campaign__ends_on", "campaign_id", "club__name")
    )


def my_drafts(user) -> QuerySet[Response]:
    return (
        Response.objects.for_user(user, "change")
        .filter(created_by=user, status=ResponseStatus.DRAFT)
        .select_related("campaign", "club")
        .order_by("-updated_at")
    )


# --- Results -----------------------------------------------------------------------------------


@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    share: float | None


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    options: list[OptionCount] = field(default_factory=list)
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    distribution: list[OptionCount] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.question.type in VALUE_TYPES:
            return "options"
        if self.question.type in NUMERIC_TYPES:
            return "numeric"
        if self.question.type == QuestionType.DATE:
            return "date"
        return "text"

    def chart(self) -> dict | None:
        rows = self.options if self.kind == "options" else self.distribution
        if not rows or not self.answered:
            return None
        return {
            "labels": [row.label for row in rows],
            "counts": [row.count for row in rows],
            "horizontal": self.question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE),
        }


@dataclass
class Results:
    responses: int
    sections: list[tuple[Section, list[QuestionSummary]]]

    def summaries(self) -> list[QuestionSummary]:
        return [summary for _section, rows in self.sections for summary in rows]


TEXT_SAMPLES = 5
MAX_BINS = 10


def _share(count: int, base: int) -> float | None:
    return count / base if base else None


def _distribution(values: dict[Decimal, int], integer: bool) -> list[OptionCount]:
    """Counts per value when there are few distinct values, else up to ten equal bins."""
    from core.text import format_number

    if not values:
        return []
    total = sum(values.values())
    ordered = sorted(values.items())
    if len(ordered) <= MAX_BINS:
        return [
            OptionCount(str(v), format_number(float(v)), n, _share(n, total)) for v, n in ordered
        ]
    low, high = ordered[0][0], ordered[-1][0]
    width = (high - low) / MAX_BINS
    if integer:
        width = max(Decimal(1), width.to_integral_value(rounding="ROUND_CEILING"))
    bins: list[list] = []
    start = low
    while start <= high:
        bins.append([start, start + width, 0])
        start += width
    for value, n in ordered:
        index = min(int((value - low) / width), len(bins) - 1)
        bins[index][2] += n
    rows = []
    for lo, hi, n in bins:
        upper = hi - 1 if integer else hi
        label = f"{format_number(float(lo))}–{format_number(float(upper))}"
        rows.append(OptionCount(f"{lo}", label, n, _share(n, total)))
    return rows


def campaign_results(campaign: Campaign, responses: QuerySet[Response]) -> Results:
    """Per-question summaries of the submitted `responses` (already scoped and
    filtered) in the layout of the campaign's current version. Answers to earlier
    versions join by the questions' names. A fixed number of queries."""
    responses = responses.filter(campaign=campaign, status=ResponseStatus.SUBMITTED).order_by()
    total = responses.count()
    sections = version_sections(campaign.version)
    questions = {q.name: q for _s, qs in sections for q in qs}
    answers = Answer.objects.filter(response__in=responses.values("pk")).order_by()

    option_counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (
        answers.exclude(choice_value="")
        .values("question__name", "choice_value")
        .annotate(n=Count("pk"))
    ):
        option_counts[row["question__name"]][row["choice_value"]] = row["n"]

    stats = {
        row["question__name"]: row
        for row in answers.values("question__name").annotate(
            answered=Count("response", distinct=True),
            mean=Avg("number_value"),
            minimum=Min("number_value"),
            maximum=Max("number_value"),
            earliest=Min("date_value"),
            latest=Max("date_value"),
        )
    }

    numeric_names = [n for n, q in questions.items() if q.type in NUMERIC_TYPES]
    numbers: dict[str, dict[Decimal, int]] = defaultdict(dict)
    if numeric_names:
        for row in (
            answers.filter(question__name__in=numeric_names, number_value__isnull=False)
            .values("question__name", "number_value")
            .annotate(n=Count("pk"))
        ):
            numbers[row["question__name"]][row["number_value"]] = row["n"]

    text_names = [
        n for n, q in questions.items() if q.type in (QuestionType.TEXT, QuestionType.LONG_TEXT)
    ]
    samples: dict[str, list[str]] = defaultdict(list)
    if text_names:
        rows = (
            answers.filter(question__name__in=text_names)
            .exclude(text_value="")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("question__name")],
                    order_by=[F("response__submitted_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=TEXT_SAMPLES)
            .values_list("question__name", "text_value")
        )
        for name, text in rows:
            samples[name].append(text)

    result_sections = []
    for section, section_questions in sections:
        summaries = []
        for question in section_questions:
            stat = stats.get(question.name, {})
            summary = QuestionSummary(question=question, answered=stat.get("answered", 0))
            if question.type in VALUE_TYPES:
                counts = option_counts.get(question.name, {})
                summary.options = [
                    OptionCount(
                        value,
                        label,
                        counts.get(value, 0),
                        _share(counts.get(value, 0), summary.answered),
                    )
                    for value, label in question.option_pairs()
                ]
            if question.type in (*NUMERIC_TYPES, QuestionType.LIKERT):
                summary.mean = stat.get("mean")
                summary.minimum = stat.get("minimum")
                summary.maximum = stat.get("maximum")
            if question.type in NUMERIC_TYPES:
                summary.distribution = _distribution(
                    numbers.get(question.name, {}), question.type == QuestionType.INTEGER
                )
            if question.type == QuestionType.DATE:
                summary.earliest = stat.get("earliest")
                summary.latest = stat.get("latest")
            summary.samples = samples.get(question.name, [])
            summaries.append(summary)
        result_sections.append((section, summaries))
    return Results(responses=total, sections=result_sections)


# --- Findings of needs assessments ---------------------------------------------------------------

HIGH_SCORE = 4  # «زیاد» or «خیلی زیاد» on the severity scale


@dataclass
class Finding:
    """A health problem of a neighborhood, ranked by how severe its residents rate it."""

    topic_id: int
    topic_name: str
    rank: int
    mean: Decimal
    respondents: int
    high_count: int

    @property
    def high_share(self) -> float:
        return self.high_count / self.respondents if self.respondents else 0.0


def needs_assessment_answers(*, neighborhood, campaign: Campaign | None = None):
    answers = Answer.objects.filter(
        response__status=ResponseStatus.SUBMITTED,
        response__club__neighborhood=neighborhood,
        response__version__questionnaire__kind=QuestionnaireKind.NEEDS_ASSESSMENT,
        question__type=QuestionType.LIKERT,
        question__topic__isnull=False,
        number_value__isnull=False,
    )
    if campaign is not None:
        answers = answers.filter(response__campaign=campaign)
    return answers.order_by()


def neighborhood_ranked_problems(
    *, neighborhood, campaign: Campaign | None = None
) -> list[Finding]:
    """The neighborhood's health problems from its submitted needs assessments: for
    each thematic topic rated on the severity scale, the mean score (1–5) and how many
    rated it high (4–5); ranked by mean, then by high ratings (1 query)."""
    rows = (
        needs_assessment_answers(neighborhood=neighborhood, campaign=campaign)
        .values("question__topic", "question__topic__name")
        .annotate(
            n=Count("pk"),
            mean=Avg("number_value"),
            high=Count("pk", filter=Q(number_value__gte=HIGH_SCORE)),
        )
    )
    ordered = sorted(
        rows, key=lambda r: (-Decimal(r["mean"]), -r["high"], r["question__topic__name"])
    )
    return [
        Finding(
            topic_id=row["question__topic"],
            topic_name=row["question__topic__name"],
            rank=rank,
            mean=Decimal(row["mean"]).quantize(Decimal("0.01")),
            respondents=row["n"],
            high_count=row["high"],
        )
        for rank, row in enumerate(ordered, start=1)
    ]


def needs_assessment_campaigns(*, neighborhood) -> QuerySet[Campaign]:
    """Campaigns with submitted needs-assessment responses in the neighborhood."""
    return (
        Campaign.objects.filter(
            questionnaire__kind=QuestionnaireKind.NEEDS_ASSESSMENT,
            responses__club__neighborhood=neighborhood,
            responses__status=ResponseStatus.SUBMITTED,
        )
        .distinct()
        .order_by("-starts_on")
    )


def neighborhoods_with_needs_assessment(neighborhoods):
    """Neighborhoods (scoped) with their count of submitted needs-assessment responses."""
    return (
        neighborhoods.annotate(
            assessed=Count(
                "clubs__survey_responses",
                filter=Q(
                    clubs__survey_responses__status=ResponseStatus.SUBMITTED,
                    clubs__survey_responses__version__questionnaire__kind=QuestionnaireKind.NEEDS_ASSESSMENT,
                ),
            )
        )
        .filter(assessed__gt=0)
        .select_related("county")
        .order_by("-assessed", "name")
    )


# --- Home page -----------------------------------------------------------------------------------


def survey_home_stats(user) -> list:
    """Open campaigns (and, for those who fill them, their drafts) for the home page;
    a card appears only when there is something to count, so homes of regions that do
    not run campaigns stay as they were."""
    from accounts.roles import Role
    from core.selectors import Stat
    from surveys.models import FILLER_ROLES

    today = timezone.localdate()
    stats = []
    if user.has_role(*FILLER_ROLES):
        open_count = fillable_targets(user, today).values("campaign").distinct().count()
        drafts = my_drafts(user).count()
        if open_count:
            stats.append(
                Stat(
                    "open_campaigns",
                    _("پویش باز برای پرسشگری"),
                    open_count,
                    "clipboard-check",
                    reverse("surveys:campaign_list"),
                )
            )
        if drafts:
            stats.append(
                Stat(
                    "my_drafts",
                    _("پاسخ نیمه‌کاره من"),
                    drafts,
                    "pencil-square",
                    reverse("surveys:my_responses"),
                )
            )
    elif user.has_role(*Role.values):
        open_count = Campaign.objects.for_user(user).accepting(today).count()
        if open_count:
            stats.append(
                Stat(
                    "open_campaigns",
                    _("پویش پرسشگری در جریان"),
                    open_count,
                    "clipboard-data",
                    reverse("surveys:campaign_list"),
                )
            )
    return stats
