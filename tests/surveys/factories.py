"""Builders for the surveys tests: questionnaires go through the same services the
portal uses, so every fixture obeys the rules a real questionnaire does."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

from django.utils import timezone

from clubs.models import Membership, Person, ThematicTopic
from core.periods import JalaliSeason
from surveys import services
from surveys.models import ConditionOperator as Op
from surveys.models import LikertScale, QuestionnaireKind, Response
from surveys.models import QuestionType as T
from surveys.specs import ChoiceSpec, ConditionSpec, FormSpec, QuestionSpec, SectionSpec


def ensure_topics() -> None:
    """The thematic-topic catalogue (a data migration of clubs; a transactional test's
    flush may have emptied it)."""
    topics = importlib.import_module("clubs.migrations.0002_thematic_topics").TOPICS
    for order, (code, name, is_local) in enumerate(topics, start=1):
        ThematicTopic.objects.update_or_create(
            code=code, defaults={"name": name, "is_local": is_local, "order": order}
        )


def all_types_spec(title: str = "پرسشنامه آزمون") -> FormSpec:
    """One question of every type, bounds, and two conditions."""
    return FormSpec(
        title=title,
        kind=QuestionnaireKind.OTHER,
        sections=[
            SectionSpec(
                title="بخش نخست",
                description="توضیح بخش نخست",
                questions=[
                    QuestionSpec(
                        "full_name", "نام", T.TEXT, required=True, hint="نام کوچک کافی است"
                    ),
                    QuestionSpec("bio", "درباره شما", T.LONG_TEXT),
                    QuestionSpec(
                        "age",
                        "سن",
                        T.INTEGER,
                        required=True,
                        min_value=Decimal(0),
                        max_value=Decimal(120),
                    ),
                    QuestionSpec(
                        "weight", "وزن", T.DECIMAL, min_value=Decimal(1), max_value=Decimal(300)
                    ),
                    QuestionSpec(
                        "color",
                        "رنگ دلخواه",
                        T.SINGLE,
                        required=True,
                        choices=[
                            ChoiceSpec("red", "قرمز"),
                            ChoiceSpec("green", "سبز"),
                            ChoiceSpec("blue", "آبی"),
                        ],
                    ),
                    QuestionSpec(
                        "foods",
                        "خوراک‌ها",
                        T.MULTIPLE,
                        min_value=Decimal(1),
                        max_value=Decimal(2),
                        choices=[
                            ChoiceSpec("rice", "برنج"),
                            ChoiceSpec("bread", "نان"),
                            ChoiceSpec("fish", "ماهی"),
                        ],
                    ),
                ],
            ),
            SectionSpec(
                title="بخش دوم",
                questions=[
                    QuestionSpec(
                        "satisfaction",
                        "از کانون راضی هستم",
                        T.LIKERT,
                        required=True,
                        likert_scale=LikertScale.AGREEMENT,
                    ),
                    QuestionSpec("visit", "تاریخ آخرین مراجعه", T.DATE),
                    QuestionSpec("smoker", "سیگار می‌کشید؟", T.YES_NO, required=True),
                    QuestionSpec(
                        "cigarettes",
                        "روزی چند نخ؟",
                        T.INTEGER,
                        required=True,
                        min_value=Decimal(1),
                        max_value=Decimal(100),
                        condition=ConditionSpec("smoker", Op.EQUALS, "yes"),
                    ),
                    QuestionSpec(
                        "fish_kind",
                        "چه ماهی‌ای؟",
                        T.TEXT,
                        condition=ConditionSpec("foods", Op.CONTAINS, "fish"),
                    ),
                ],
            ),
        ],
    )


def needs_spec() -> FormSpec:
    def severity(name, code):
        return QuestionSpec(
            name, f"شدت {code}", T.LIKERT, likert_scale=LikertScale.SEVERITY, topic_code=code
        )

    return FormSpec(
        title="نیازسنجی آزمون",
        kind=QuestionnaireKind.NEEDS_ASSESSMENT,
        sections=[
            SectionSpec(
                title="مشکلات",
                questions=[
                    severity("env", "environmental-health"),
                    severity("addiction", "addiction"),
                    severity("nutrition", "nutrition"),
                    severity("tobacco", "tobacco"),
                    QuestionSpec("note", "توضیح", T.TEXT),
                ],
            )
        ],
    )


def make_questionnaire(spec: FormSpec | None = None, owner=None, by=None):
    return services.questionnaire_create_from_spec(
        spec=spec or all_types_spec(), owner_university=owner, by=by
    )


def make_campaign(
    questionnaire, clubs, *, owner=None, target: int = 3, title: str = "پویش آزمون", by=None
):
    from clubs.models import Club

    season = JalaliSeason.of(timezone.localdate())
    return services.campaign_create(
        title=title,
        questionnaire=questionnaire,
        owner_university=owner,
        starts_on=season.start,
        ends_on=season.end,
        period_key=season.key,
        target_per_club=target,
        clubs=Club.objects.filter(pk__in=[c.pk for c in clubs]),
        by=by,
    )


def answer(
    campaign, club, user, values: dict, *, submit: bool = True, on: dt.date | None = None
) -> Response:
    target = campaign.targets.get(club=club)
    response = services.response_start(target=target, by=user)
    services.response_save(response=response, values=values, submit=submit, by=user)
    response.refresh_from_db()
    if on is not None and submit:
        Response.objects.filter(pk=response.pk).update(submitted_on=on)
        response.refresh_from_db()
    return response


def valid_values(**overrides) -> dict:
    values = {
        "full_name": "مریم",
        "age": 30,
        "color": "red",
        "foods": ["rice"],
        "satisfaction": "4",
        "smoker": "no",
    }
    values.update(overrides)
    return values


_codes = iter(range(100000000, 999999999, 7919))


def national_code() -> str:
    """A fresh valid کد ملی."""
    while True:
        body = f"{next(_codes):09d}"
        remainder = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
        check = remainder if remainder < 2 else 11 - remainder
        code = body + str(check)
        if len(set(code)) > 1:
            return code


def member(club, joined_on: dt.date, left_on: dt.date | None = None) -> Membership:
    person = Person.objects.create(
        first_name="عضو", last_name="آزمون", gender="female", national_code=national_code()
    )
    return Membership.objects.create(club=club, person=person, joined_on=joined_on, left_on=left_on)
