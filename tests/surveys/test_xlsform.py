"""XLSForm import and export: round trip, ODK's converter, real-world forms, and a
bad sheet that creates nothing and lists every row."""

import io
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from surveys.models import Questionnaire
from surveys.selectors import version_spec
from surveys.shipped import SHIPPED
from surveys.xlsform import XLSFormInvalid, export_xlsform, parse_relevant, parse_xlsform
from tests.surveys import factories as sf


def comparable(spec):
    return [
        (
            section.title,
            section.description,
            [
                (
                    q.name,
                    q.label,
                    q.type,
                    q.hint,
                    q.required,
                    q.min_value,
                    q.max_value,
                    q.likert_scale,
                    q.topic_code,
                    [(c.value, c.label) for c in q.choices],
                    (q.condition.question, q.condition.operator, q.condition.value)
                    if q.condition
                    else None,
                )
                for q in section.questions
            ],
        )
        for section in spec.sections
    ]


def workbook_bytes(
    survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices is not None:
        sheet = book.create_sheet("choices")
        for row in choices:
            sheet.append(row)
    if settings is not None:
        sheet = book.create_sheet("settings")
        for row in settings:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
class TestRoundTrip:
    def test_questions_choices_and_conditions_survive(self, questionnaire):
        spec = version_spec(questionnaire.current_version)
        data = export_xlsform(spec, form_id="test", version=1)
        again = parse_xlsform(data).spec
        assert comparable(again) == comparable(spec)
        assert again.title == spec.title

    @pytest.mark.parametrize("code", list(SHIPPED))
    def test_shipped_questionnaires_survive(self, code, topics):
        spec = SHIPPED[code]()
        again = parse_xlsform(export_xlsform(spec, form_id=code, version=1)).spec
        assert comparable(again) == comparable(spec)

    def test_reimported_questionnaire_builds_the_same(self, login, world, staff_a, questionnaire):
        client = login(staff_a)
        exported = client.get(reverse("surveys:questionnaire_export", args=[questionnaire.pk]))
        assert exported.status_code == 200
        upload = SimpleUploadedFile("form.xlsx", exported.content)
        response = client.post(
            reverse("surveys:questionnaire_import"),
            {"file": upload, "kind": "other", "owner": world.university_a.pk},
        )
        assert response.status_code == 302
        imported = Questionnaire.objects.exclude(pk=questionnaire.pk).get(title=questionnaire.title)
        assert imported.owner_university == world.university_a
        assert comparable(version_spec(imported.current_version)) == comparable(
            version_spec(questionnaire.current_version)
        )

    def test_export_is_a_valid_xlsform_for_odk(self, questionnaire):
        from pyxform.xls2xform import convert

        data = export_xlsform(
            version_spec(questionnaire.current_version), form_id="test", version=3
        )
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(data)
            handle.flush()
            result = convert(xlsform=handle.name, validate=False)
        assert "selected(" in result.xform  # the contains condition, as XPath
        assert "count-selected(" in result.xform  # the bounds of the multiple choice
        assert result.warnings == []

    def test_export_layout(self, questionnaire):
        book = load_workbook(
            io.BytesIO(
                export_xlsform(version_spec(questionnaire.current_version), form_id="t", version=1)
            )
        )
        assert book.sheetnames == ["survey", "choices", "settings"]
        survey = list(book["survey"].values)
        header = survey[0]
        assert header[:3] == ("type", "name", "label::Persian (fa)")
        rows = {row[1]: dict(zip(header, row, strict=False)) for row in survey[1:]}
        assert rows["cigarettes"]["relevant"] == "${smoker} = 'yes'"
        assert rows["fish_kind"]["relevant"] == "selected(${foods}, 'fish')"
        assert rows["age"]["constraint"] == ". >= 0 and . <= 120"
        assert rows["foods"]["type"] == "select_multiple foods"
        assert rows["foods"]["constraint"] == "count-selected(.) >= 1 and count-selected(.) <= 2"
        assert rows["satisfaction"]["type"] == "select_one likert_agreement"
        assert rows["smoker"]["type"] == "select_one yes_no"
        assert rows["bio"]["appearance"] == "multiline"
        choices = list(book["choices"].values)
        assert ("likert_agreement", "5", "کاملاً موافقم") in choices
        assert ("yes_no", "yes", "بله") in choices


class TestRelevant:
    @pytest.mark.parametrize(
        ("expression", "expected"),
        [
            ("${a} = 'yes'", ("a", "eq", "yes")),
            ("${a}='yes'", ("a", "eq", "yes")),
            ('${a} = "yes"', ("a", "eq", "yes")),
            ("(${age} >= 18)", ("age", "gte", "18")),
            ("${n} != 3", ("n", "neq", "3")),
            ("selected(${foods}, 'fish')", ("foods", "contains", "fish")),
            ("not(selected(${foods},'fish'))", ("foods", "not_contains", "fish")),
        ],
    )
    def test_simple_forms(self, expression, expected):
        condition = parse_relevant(expression)
        assert (condition.question, condition.operator, condition.value) == expected

    @pytest.mark.parametrize(
        "expression",
        [
            "${a} = 'yes' and ${b} = 'no'",
            "${a} = 'x' or ${a} = 'y'",
            "count-selected(${a}) > 2",
            "string-length(${a}) > 0",
        ],
    )
    def test_others_are_not_understood(self, expression):
        assert parse_relevant(expression) is None


@pytest.mark.django_db
class TestRealForms:
    def test_kobo_style_form(self, topics):
        data = workbook_bytes(
            [
                [
                    "type",
                    "name",
                    "label::English (en)",
                    "label::Persian (fa)",
                    "required",
                    "relevant",
                    "constraint",
                    "hint::Persian (fa)",
                ],
                ["start", "start"],
                ["end", "end"],
                ["begin_group", "g1", "Intro", "معرفی"],
                ["note", "welcome", "Welcome", "خوش آمدید"],
                ["integer", "age", "Age", "سن", "TRUE", "", ". >= 0 and . <= 120", "به سال"],
                ["select one yn", "smoker", "Smoker?", "سیگاری هستید؟", "yes()"],
                ["select_multiple foods", "foods", "Foods", "خوراک", "", "${age} >= 18"],
                ["text", "fish", "Fish", "ماهی", "", "selected(${foods}, 'fish')"],
                ["end_group", "g1"],
                ["date", "visit", "Visit", "مراجعه"],
            ],
            [
                ["list_name", "name", "label::English (en)", "label::Persian (fa)"],
                ["yn", "yes", "Yes", "بله"],
                ["yn", "no", "No", "خیر"],
                ["foods", "rice", "Rice", "برنج"],
                ["foods", "fish", "Fish", "ماهی"],
            ],
            [["form_title", "form_id"], ["فرم کوبو", "kobo1"]],
        )
        result = parse_xlsform(data)
        spec = result.spec
        assert spec.title == "فرم کوبو"
        assert [s.title for s in spec.sections] == ["معرفی", "بخش ۲"]
        assert spec.sections[0].description == "خوش آمدید"
        by_name = {q.name: q for q in spec.questions()}
        assert by_name["age"].label == "سن" and by_name["age"].hint == "به سال"
        assert (by_name["age"].min_value, by_name["age"].max_value) == (0, 120)
        assert by_name["age"].required
        assert by_name["smoker"].type == "yes_no" and by_name["smoker"].required
        assert by_name["foods"].condition.operator == "gte"
        assert by_name["fish"].condition.operator == "contains"
        assert by_name["visit"].type == "date"
        assert len(result.notices) == 2  # start and end are the device's own metadata


@pytest.mark.django_db
class TestBadSheet:
    SURVEY = [
        ["type", "name", "label", "required", "relevant", "constraint"],
        ["text", "name", "نام"],
        ["geopoint", "where", "موقعیت"],
        ["select_one yn", "member", "عضو هستید؟", "yes", "${name} = 'x' and ${name} = 'y'"],
        ["select_one missing_list", "color", "رنگ"],
        ["integer", "name", "تکراری"],
        ["integer", "age", "سن", "perhaps"],
        ["text", "later", "بعدی", "", "${future} = 'yes'"],
        ["text", "bad name", "نام بد"],
        ["integer", "count", "تعداد", "", "", "regex(., '^[0-9]+$')"],
        ["begin repeat", "kids", "فرزندان"],
        ["text", "future", "آینده"],
    ]
    CHOICES = [
        ["list_name", "name", "label"],
        ["yn", "yes", "بله"],
        ["yn", "no", "خیر"],
        ["yn", "no", "تکراری"],
        ["yn", "with space", "فاصله"],
    ]

    def test_every_bad_row_is_listed(self):
        with pytest.raises(XLSFormInvalid) as caught:
            parse_xlsform(workbook_bytes(self.SURVEY, self.CHOICES))
        places = {(e.sheet, e.row) for e in caught.value.errors}
        assert {
            ("survey", 3),
            ("survey", 4),
            ("survey", 5),
            ("survey", 6),
            ("survey", 7),
            ("survey", 8),
            ("survey", 9),
            ("survey", 10),
            ("survey", 11),
            ("choices", 4),
            ("choices", 5),
        } <= places
        assert ("survey", 2) not in places
        messages = [str(e) for e in caught.value.errors]
        assert any("ردیف ۳" in m and "geopoint" in m for m in messages)
        assert any("ردیف ۴" in m and "عبارت شرط" in m and "پشتیبانی نمی‌شود" in m for m in messages)
        assert any("ردیف ۸" in m and "پیش از این پرسش نیامده" in m for m in messages)

    def test_upload_creates_nothing_and_shows_the_rows(self, login, world, staff_a):
        before = Questionnaire.objects.count()
        upload = SimpleUploadedFile("bad.xlsx", workbook_bytes(self.SURVEY, self.CHOICES))
        response = login(staff_a).post(
            reverse("surveys:questionnaire_import"),
            {"file": upload, "kind": "other", "owner": world.university_a.pk},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "چیزی وارد نشد" in page
        assert "برگه survey، ردیف ۴" in page
        assert "برگه choices، ردیف ۵" in page
        assert Questionnaire.objects.count() == before

    def test_not_a_spreadsheet(self, login, world, staff_a):
        upload = SimpleUploadedFile("x.xlsx", b"not a zip")
        response = login(staff_a).post(
            reverse("surveys:questionnaire_import"),
            {"file": upload, "kind": "other", "owner": world.university_a.pk},
        )
        assert "خوانا نیست" in response.content.decode()

    def test_missing_survey_sheet(self):
        book = Workbook()
        book.active.title = "data"
        buffer = io.BytesIO()
        book.save(buffer)
        with pytest.raises(XLSFormInvalid) as caught:
            parse_xlsform(buffer.getvalue())
        assert "survey" in str(caught.value.errors[0])

    def test_spec_factory_is_valid(self):
        from surveys.specs import spec_errors

        assert spec_errors(sf.all_types_spec()) == []
