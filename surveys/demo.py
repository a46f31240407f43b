"""Demo data of the surveys app: the shipped questionnaires, a needs-assessment and a
satisfaction campaign on Tehran's demo clubs for the current Jalali season with some
answers filled in through the services, and three indicators. Idempotent."""

from __future__ import annotations

import random
from decimal import Decimal

from clubs.models import Club
from core import jalali
from core.periods import JalaliSeason
from surveys.models import (
    Campaign,
    Indicator,
    IndicatorSource,
    IndicatorUnit,
    Questionnaire,
    QuestionType,
    SurveyMeasure,
)
from surveys.selectors import version_questions
from surveys.services import (
    campaign_create,
    indicator_save,
    response_save,
    response_start,
    visible_questions,
)
from surveys.shipped import shipped_questionnaires_load

TEXTS = [
    "جمع‌آوری زباله در کوچه‌های پشتی نامنظم است.",
    "برای سالمندان تنها برنامه‌ای نداریم.",
    "کلاس آموزش تغذیه برای مادران برگزار شود.",
    "فضای ورزشی بانوان نیاز است.",
]
# Severity leanings per topic so the demo neighborhood has a clear ranking.
LEANING = {
    "environmental-health": 4.3,
    "addiction": 4.0,
    "chronic-diseases": 3.7,
    "tobacco": 3.5,
    "mental-health": 3.2,
}


def _value(question, rng: random.Random):
    options = [value for value, _label in question.option_pairs()]
    if question.type == QuestionType.LIKERT:
        centre = LEANING.get(question.topic.code if question.topic_id else "", 2.6)
        return str(min(5, max(1, round(rng.gauss(centre, 0.9)))))
    if question.type == QuestionType.MULTIPLE:
        low = int(question.min_value or 1)
        high = min(int(question.max_value or 3), len(options))
        return rng.sample(options, rng.randint(low, max(low, high)))
    if question.type in (QuestionType.SINGLE, QuestionType.YES_NO):
        return rng.choice(options)
    if question.type == QuestionType.INTEGER:
        low = int(question.min_value if question.min_value is not None else 0)
        high = int(question.max_value if question.max_value is not None else 40)
        return rng.randint(low, min(high, low + 40))
    if question.type == QuestionType.DECIMAL:
        return Decimal(rng.randint(0, 900)) / 10
    if question.type == QuestionType.DATE:
        return jalali.today()
    return rng.choice(TEXTS) if rng.random() < 0.5 else ""


def _fill(campaign: Campaign, club, user, count: int, rng: random.Random, drafts: int = 0) -> None:
    target = campaign.targets.get(club=club)
    questions = version_questions(campaign.version)
    for index in range(count + drafts):
        response = response_start(target=target, by=user, respondent_label=f"پاسخ‌دهنده {index + 1}")
        values = {}
        for question in questions:  # in order, so conditions see earlier answers
            values[question.name] = _value(question, rng)
        shown = visible_questions(questions, values)
        values = {name: value for name, value in values.items() if name in shown}
        response_save(response=response, values=values, submit=index < count, by=user)


def seed(context: dict) -> None:
    shipped_questionnaires_load()
    clubs = context.get("clubs", {})
    users = context.get("demo_users", {})
    universities = context.get("universities", {})
    if not clubs or "facilitator" not in users:
        return
    season = JalaliSeason.of(jalali.today())
    needs = Questionnaire.objects.get(shipped_code="needs-assessment")
    satisfaction = Questionnaire.objects.get(shipped_code="member-satisfaction")
    staff = users["tums_staff"]
    tehran_clubs = [
        clubs[name] for name in ("دروازه غار", "هرندی", "خاک سفید", "قائمیه") if name in clubs
    ]
    facilitator = users["facilitator"]
    rng = random.Random(1404)

    title = f"نیازسنجی سلامت محلات — {season.label}"
    campaign = Campaign.objects.filter(title=title).first()
    if campaign is None:
        ids = [club.pk for club in tehran_clubs]
        campaign = campaign_create(
            title=title,
            questionnaire=needs,
            owner_university=universities.get("tums"),
            starts_on=season.start,
            ends_on=season.end,
            period_key=season.key,
            target_per_club=10,
            clubs=Club.objects.filter(pk__in=ids),
            by=staff,
        )
        _fill(campaign, clubs["دروازه غار"], facilitator, 7, rng, drafts=1)
        _fill(campaign, clubs["هرندی"], facilitator, 4, rng)

    title = f"رضایت‌سنجی اعضای کانون‌ها — {season.label}"
    satisfaction_campaign = Campaign.objects.filter(title=title).first()
    if satisfaction_campaign is None:
        satisfaction_campaign = campaign_create(
            title=title,
            questionnaire=satisfaction,
            owner_university=universities.get("tums"),
            starts_on=season.start,
            ends_on=season.end,
            period_key=season.key,
            target_per_club=15,
            clubs=Club.objects.filter(pk__in=[clubs["دروازه غار"].pk, clubs["هرندی"].pk]),
            by=staff,
        )
        _fill(satisfaction_campaign, clubs["دروازه غار"], facilitator, 6, rng)
        _fill(satisfaction_campaign, clubs["هرندی"], facilitator, 3, rng)

    admin = users.get("admin")
    indicators = [
        Indicator(
            name="سهم کانون‌های دارای جلسه در دوره",
            definition="کانون‌هایی که در دوره دست‌کم یک جلسه ثبت کرده‌اند، به همه کانون‌های منحل‌نشده.",
            numerator_label="کانون‌های دارای جلسه",
            denominator_label="کانون‌های موجود",
            unit=IndicatorUnit.PERCENT,
            source=IndicatorSource.PORTAL,
            computation="clubs_with_meeting",
            default_target=Decimal(80),
        ),
        Indicator(
            name="سهم اعضای آموزش‌دیده",
            definition="اعضایی که در دوره در جلسه آموزشی حاضر بوده‌اند، به اعضای کانون‌ها.",
            numerator_label="اعضای حاضر در جلسه آموزشی",
            denominator_label="اعضای کانون‌ها",
            unit=IndicatorUnit.PERCENT,
            source=IndicatorSource.PORTAL,
            computation="members_trained",
            default_target=Decimal(30),
        ),
        Indicator(
            name="میانگین رضایت کلی اعضا",
            definition="میانگین پاسخ به «از عضویت در کانون سلامت محله راضی هستم» (۱ تا ۵).",
            numerator_label="جمع امتیازها",
            denominator_label="پاسخ‌ها",
            unit=IndicatorUnit.SCORE,
            source=IndicatorSource.SURVEY,
            questionnaire=satisfaction,
            question_name="s_overall",
            survey_measure=SurveyMeasure.MEAN,
            default_target=Decimal(4),
        ),
        Indicator(
            name="سهم اهالی آماده همکاری داوطلبانه",
            definition="پاسخ‌دهندگان نیازسنجی که گفته‌اند حاضرند داوطلبانه همکاری کنند.",
            numerator_label="پاسخ «بله»",
            denominator_label="پاسخ‌دهندگان به این پرسش",
            unit=IndicatorUnit.PERCENT,
            source=IndicatorSource.SURVEY,
            questionnaire=needs,
            question_name="will_volunteer",
            survey_measure=SurveyMeasure.SHARE,
            answer_value="yes",
            default_target=Decimal(50),
        ),
    ]
    for indicator in indicators:
        if not Indicator.objects.filter(name=indicator.name).exists():
            indicator_save(indicator=indicator, by=admin)
    context["survey_campaign"] = campaign
