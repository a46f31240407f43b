"""Building questionnaires in the portal, and versioning once answers exist."""

import pytest
from django.urls import reverse

from surveys import services
from surveys.models import Question, Questionnaire, QuestionnaireVersion, QuestionType
from tests.surveys import factories as sf


def detail(q):
    return reverse("surveys:questionnaire_detail", args=[q.pk])


@pytest.mark.django_db
class TestBuilding:
    def test_staff_build_a_questionnaire_of_their_university(self, login, world, staff_a, topics):
        client = login(staff_a)
        response = client.post(
            reverse("surveys:questionnaire_create"),
            {
                "title": "نظرسنجی جلسات",
                "kind": "other",
                "description": "",
                "owner": world.university_a.pk,
            },
        )
        questionnaire = Questionnaire.objects.get(title="نظرسنجی جلسات")
        assert response.status_code == 302
        assert questionnaire.owner_university == world.university_a
        section = questionnaire.current_version.sections.get()
        url = reverse("surveys:question_create", args=[questionnaire.pk, section.pk])
        response = client.post(
            url,
            {
                "label": "آیا در جلسه بودید؟",
                "type": "yes_no",
                "section": section.pk,
                "required": "on",
            },
        )
        assert response.status_code == 302
        response = client.post(
            url,
            {
                "label": "چرا نه؟",
                "type": "single",
                "section": section.pk,
                "choices_text": "busy|گرفتار بودم\nخبر نداشتم",
                "condition_question": "q1",
                "condition_operator": "eq",
                "condition_value": "no",
            },
        )
        assert response.status_code == 302
        q1, q2 = questionnaire.current_version.questions.order_by("order")
        assert (q1.name, q1.type, q1.required) == ("q1", "yes_no", True)
        assert q2.condition_question == q1 and q2.condition_value == "no"
        assert [(c.value, c.label) for c in q2.choices.all()] == [
            ("busy", "گرفتار بودم"),
            ("opt1", "خبر نداشتم"),
        ]

    def test_bad_condition_is_refused_in_persian(
        self, login, world, staff_a, university_questionnaire
    ):
        version = university_questionnaire.current_version
        section = version.sections.first()
        url = reverse("surveys:question_create", args=[university_questionnaire.pk, section.pk])
        response = login(staff_a).post(
            url,
            {
                "label": "پرسش",
                "type": "text",
                "section": section.pk,
                "condition_question": "color",
                "condition_operator": "eq",
                "condition_value": "purple",
            },
        )
        assert response.status_code == 200
        assert "از گزینه‌های پرسش نیست" in response.content.decode()
        assert version.questions.count() == 11

    def test_moving_a_question_above_its_condition_source_is_refused(
        self, login, world, staff_a, university_questionnaire
    ):
        cigarettes = university_questionnaire.current_version.questions.get(name="cigarettes")
        smoker = university_questionnaire.current_version.questions.get(name="smoker")
        url = reverse("surveys:question_move", args=[university_questionnaire.pk, cigarettes.pk])
        response = login(staff_a).post(url, {"direction": "up"}, follow=True)
        assert "پیش از این پرسش نیامده" in response.content.decode()
        cigarettes.refresh_from_db()
        smoker.refresh_from_db()
        assert cigarettes.order > smoker.order

    def test_deleting_a_condition_source_is_refused(self, login, staff_a, university_questionnaire):
        smoker = university_questionnaire.current_version.questions.get(name="smoker")
        url = reverse("surveys:question_delete", args=[university_questionnaire.pk, smoker.pk])
        response = login(staff_a).post(url, follow=True)
        assert "به این پرسش شرط دارند" in response.content.decode()
        assert Question.objects.filter(pk=smoker.pk).exists()

    def test_reorder_and_delete(self, login, staff_a, university_questionnaire):
        version = university_questionnaire.current_version
        bio = version.questions.get(name="bio")
        client = login(staff_a)
        client.post(
            reverse("surveys:question_move", args=[university_questionnaire.pk, bio.pk]),
            {"direction": "up"},
        )
        names = list(
            version.sections.first().questions.order_by("order").values_list("name", flat=True)
        )
        assert names[:2] == ["bio", "full_name"]
        client.post(reverse("surveys:question_delete", args=[university_questionnaire.pk, bio.pk]))
        assert not version.questions.filter(name="bio").exists()
        assert (
            QuestionnaireVersion.objects.filter(questionnaire=university_questionnaire).count() == 1
        )


@pytest.mark.django_db
class TestVersioning:
    def test_editing_a_questionnaire_with_responses_makes_a_new_version(
        self, login, world, staff_a, facilitator, university_questionnaire, university_campaign
    ):
        response = sf.answer(university_campaign, world.club_a1, facilitator, sf.valid_values())
        old = university_questionnaire.current_version
        color = old.questions.get(name="color")
        client = login(staff_a)
        page = client.post(
            reverse("surveys:question_edit", args=[university_questionnaire.pk, color.pk]),
            {
                "label": "رنگ محبوب",
                "type": "single",
                "section": color.section_id,
                "name": "color",
                "required": "on",
                "choices_text": "red|قرمز\ngreen|سبز\nblue|آبی\nyellow|زرد",
            },
            follow=True,
        )
        assert "نسخه ۲ ساخته شد" in page.content.decode()
        university_questionnaire.refresh_from_db()
        new = university_questionnaire.current_version
        assert new.number == 2 and new.pk != old.pk
        # The old version and the answer pointing to it are untouched.
        color.refresh_from_db()
        assert color.label == "رنگ دلخواه" and color.choices.count() == 3
        response.refresh_from_db()
        assert response.version == old
        assert response.answers.get(question__name="color").question == color
        new_color = new.questions.get(name="color")
        assert new_color.label == "رنگ محبوب" and new_color.choices.count() == 4
        # Conditions were carried over to the new version's own questions.
        cigarettes = new.questions.get(name="cigarettes")
        assert cigarettes.condition_question.version == new
        # The running campaign keeps its version until its owner moves it on.
        university_campaign.refresh_from_db()
        assert university_campaign.version == old
        client.post(reverse("surveys:campaign_use_current_version", args=[university_campaign.pk]))
        university_campaign.refresh_from_db()
        assert university_campaign.version == new

    def test_second_edit_of_the_new_version_stays_in_it(
        self, world, staff_a, facilitator, university_questionnaire, university_campaign
    ):
        sf.answer(university_campaign, world.club_a1, facilitator, sf.valid_values())
        section = university_questionnaire.current_version.sections.first()
        services.section_save(
            questionnaire=university_questionnaire, section=section, title="الف", by=staff_a
        )
        university_questionnaire.refresh_from_db()
        second = university_questionnaire.current_version
        services.section_save(
            questionnaire=university_questionnaire,
            section=second.sections.first(),
            title="ب",
            by=staff_a,
        )
        university_questionnaire.refresh_from_db()
        assert university_questionnaire.current_version == second
        assert second.sections.first().title == "ب"
        assert university_questionnaire.versions.count() == 2

    def test_a_draft_counts_as_an_answer(
        self, world, staff_a, facilitator, university_questionnaire, university_campaign
    ):
        sf.answer(university_campaign, world.club_a1, facilitator, {}, submit=False)
        assert services.version_is_locked(university_questionnaire.current_version)

    def test_failed_edit_of_a_locked_version_makes_no_version(
        self, world, staff_a, facilitator, university_questionnaire, university_campaign
    ):
        from django.core.exceptions import ValidationError

        sf.answer(university_campaign, world.club_a1, facilitator, sf.valid_values())
        smoker = university_questionnaire.current_version.questions.get(name="smoker")
        with pytest.raises(ValidationError):
            services.question_delete(
                questionnaire=university_questionnaire, question=smoker, by=staff_a
            )
        assert university_questionnaire.versions.count() == 1

    def test_copy_to_a_university(self, login, world, staff_a, questionnaire):
        response = login(staff_a).post(
            reverse("surveys:questionnaire_copy", args=[questionnaire.pk])
        )
        copy = Questionnaire.objects.exclude(pk=questionnaire.pk).get(title__contains="رونوشت")
        assert response.status_code == 302
        assert copy.owner_university == world.university_a
        assert (
            copy.current_version.questions.count()
            == questionnaire.current_version.questions.count()
        )
        assert (
            copy.current_version.questions.get(name="cigarettes").condition_question.name
            == "smoker"
        )

    def test_every_type_has_a_form_field(self, questionnaire):
        from surveys.forms import response_form_class
        from surveys.selectors import version_questions

        questions = version_questions(questionnaire.current_version)
        assert {q.type for q in questions} == set(QuestionType.values)
        form = response_form_class(questions)()
        assert len(form.fields) == len(questions)
