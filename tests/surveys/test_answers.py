"""Answering: each question type refuses bad input with a Persian message and
changes nothing; conditions hide and skip questions on the server."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys import services
from surveys.models import Answer, ResponseStatus
from tests.surveys import factories as sf


def fill_url(response):
    return reverse("surveys:response_fill", args=[response.pk])


def form_data(values: dict, action: str = "submit") -> dict:
    data = {"action": action}
    for name, value in values.items():
        data[f"q_{name}"] = value
    return data


@pytest.fixture
def draft(world, campaign, facilitator):
    return services.response_start(target=campaign.targets.get(club=world.club_a1), by=facilitator)


VALID = {
    "full_name": "مریم",
    "age": "30",
    "color": "red",
    "foods": ["rice"],
    "satisfaction": "4",
    "smoker": "no",
}


@pytest.mark.django_db
class TestEveryTypeRefusesBadInput:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("full_name", "ب" * 501, "حداکثر ۵۰۰ نویسه"),
            ("bio", "ب" * 5001, "حداکثر ۵۰۰۰ نویسه"),
            ("age", "سی", "عدد صحیح وارد کنید"),
            ("age", "12.5", "عدد صحیح وارد کنید"),
            ("age", "۱۲۱", "مقدار باید حداکثر ۱۲۰ باشد"),
            ("age", "-1", "مقدار باید دست‌کم ۰ باشد"),
            ("weight", "سنگین", "عدد وارد کنید"),
            ("weight", "0.5", "مقدار باید دست‌کم ۱ باشد"),
            ("weight", "300.5", "مقدار باید حداکثر ۳۰۰ باشد"),
            ("color", "purple", "در فهرست نیست"),
            ("foods", ["rice", "bread", "fish"], "حداکثر ۲ گزینه انتخاب کنید"),
            ("foods", ["caviar"], "در فهرست نیست"),
            ("satisfaction", "7", "در فهرست نیست"),
            ("visit", "1403/13/01", "در تقویم وجود ندارد"),
            ("visit", "دیروز", "مانند ۱۴۰۳/۰۱/۱۵"),
            ("smoker", "maybe", "در فهرست نیست"),
        ],
    )
    def test_bad_value_is_refused_in_persian_and_nothing_changes(
        self, login, world, draft, facilitator, field, value, message
    ):
        client = login(facilitator)
        response = client.post(fill_url(draft), form_data({**VALID, field: value}))
        assert response.status_code == 200
        assert message in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.DRAFT
        assert not Answer.objects.filter(response=draft).exists()

    @pytest.mark.parametrize("field", ["full_name", "age", "color", "satisfaction", "smoker"])
    def test_required_question_left_empty_is_refused_on_submit(
        self, login, draft, facilitator, field
    ):
        values = {k: v for k, v in VALID.items() if k != field}
        response = login(facilitator).post(fill_url(draft), form_data(values))
        assert "پاسخ به این پرسش الزامی است." in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.DRAFT

    def test_fewer_choices_than_the_minimum(self, login, draft, facilitator):
        # min 1 on `foods` only applies when it is answered: zero answers is "not answered".
        response = login(facilitator).post(fill_url(draft), form_data({**VALID, "foods": []}))
        assert response.status_code == 302

    def test_a_draft_may_leave_required_questions_empty(self, login, draft, facilitator):
        response = login(facilitator).post(fill_url(draft), form_data({"full_name": "ك"}, "draft"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.DRAFT
        assert Answer.objects.get(response=draft).text_value == "ک"  # normalized

    def test_persian_digits_and_dates_are_accepted(
        self, login, world, draft, facilitator, campaign
    ):
        values = {**VALID, "age": "۴۵", "weight": "۶۲٫۵", "visit": "۱۴۰۳/۰۱/۰۱"}
        response = login(facilitator).post(fill_url(draft), form_data(values))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.SUBMITTED
        stored = {a.question.name: a for a in draft.answers.select_related("question")}
        assert stored["age"].number_value == 45
        assert str(stored["weight"].number_value) == "62.5000"
        assert stored["visit"].date_value.isoformat() == "2024-03-20"  # 1 Farvardin 1403
        assert stored["satisfaction"].number_value == 4
        assert campaign.targets.get(club=world.club_a1).submitted_count == 1

    def test_the_service_checks_values_itself(self, draft, facilitator):
        with pytest.raises(ValidationError) as caught:
            services.response_save(
                response=draft,
                values={**VALID, "age": 500, "color": "purple"},
                submit=True,
                by=facilitator,
            )
        assert set(caught.value.message_dict) == {"age", "color"}
        assert not draft.answers.exists()

    def test_a_submitted_response_is_final(self, draft, facilitator):
        services.response_save(
            response=draft, values=sf.valid_values(), submit=True, by=facilitator
        )
        with pytest.raises(ValidationError, match="ثبت نهایی"):
            services.response_save(
                response=draft, values=sf.valid_values(), submit=True, by=facilitator
            )


@pytest.mark.django_db
class TestConditions:
    def test_hidden_question_is_skipped_and_its_bad_input_ignored(self, login, draft, facilitator):
        # `cigarettes` (required, 1–100) shows only for smokers: for a non-smoker its
        # invalid value is ignored, not validated, not stored.
        values = {**VALID, "smoker": "no", "cigarettes": "بسیار", "fish_kind": "قزل‌آلا"}
        response = login(facilitator).post(fill_url(draft), form_data(values))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.SUBMITTED
        names = set(draft.answers.values_list("question__name", flat=True))
        assert "cigarettes" not in names
        assert "fish_kind" not in names  # foods does not contain fish

    def test_shown_conditional_question_is_validated_and_required(self, login, draft, facilitator):
        client = login(facilitator)
        response = client.post(fill_url(draft), form_data({**VALID, "smoker": "yes"}))
        assert "پاسخ به این پرسش الزامی است." in response.content.decode()
        response = client.post(
            fill_url(draft), form_data({**VALID, "smoker": "yes", "cigarettes": "۵"})
        )
        assert response.status_code == 302
        assert draft.answers.get(question__name="cigarettes").number_value == 5

    def test_contains_condition_on_multiple_choice(self, login, draft, facilitator):
        values = {**VALID, "foods": ["rice", "fish"], "fish_kind": "کپور"}
        login(facilitator).post(fill_url(draft), form_data(values))
        assert draft.answers.get(question__name="fish_kind").text_value == "کپور"

    def test_service_skips_hidden_answers_whatever_the_caller_sends(self, draft, facilitator):
        services.response_save(
            response=draft,
            values={**sf.valid_values(smoker="no"), "cigarettes": 20},
            submit=True,
            by=facilitator,
        )
        assert not draft.answers.filter(question__name="cigarettes").exists()

    def test_page_carries_the_condition_for_the_browser(self, login, draft, facilitator):
        page = login(facilitator).get(fill_url(draft)).content.decode()
        assert (
            'data-field="q_cigarettes" data-show-if-field="q_smoker" data-show-if-op="eq" data-show-if-value="yes"'
            in page
        )
        assert 'data-show-if-op="contains" data-show-if-value="fish"' in page


@pytest.mark.django_db
class TestVisibilityRules:
    def test_chain_hides_dependents_of_hidden_questions(self):
        from surveys.specs import VisibilityRule, visible_names

        rules = [
            VisibilityRule("a", "yes_no"),
            VisibilityRule("b", "integer", "a", "eq", "yes"),
            VisibilityRule("c", "text", "b", "gte", "3"),
        ]
        assert visible_names(rules, {"a": "yes", "b": 4}) == {"a", "b", "c"}
        assert visible_names(rules, {"a": "no", "b": 4}) == {"a"}
        assert visible_names(rules, {"a": "yes", "b": 2}) == {"a", "b"}
