"""Forms of the surveys app. Every queryset a form offers comes from `for_user`, so a
person can only pick what is in their scope; the response form is built from the
questionnaire version's questions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.scopes import Level, scope_for
from clubs.models import Club, ClubStatus, ThematicTopic
from core import jalali
from core.forms import JalaliDateField, PortalForm, PortalModelForm
from core.periods import JalaliMonth, JalaliSeason, period_from_key
from core.text import format_number
from regions.models import County, MedicalUniversity, Province
from surveys.indicators import LEVEL_LABELS, REGISTRY
from surveys.models import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    VALUE_TYPES,
    Campaign,
    ConditionOperator,
    Indicator,
    IndicatorSource,
    LikertScale,
    Question,
    Questionnaire,
    QuestionnaireKind,
    QuestionType,
    SurveyMeasure,
)
from surveys.specs import (
    ChoiceSpec,
    ConditionSpec,
    QuestionSpec,
    question_errors,
    slug_value,
    suggest_name,
)

NATIONAL = "national"


def owner_choices(user) -> list[tuple[str, str]]:
    """Who a new questionnaire, campaign or indicator may belong to."""
    choices = []
    if user.has_role(Role.MINISTRY_ADMIN):
        choices.append((NATIONAL, str(_("ملی (ستاد وزارت)"))))
    ids = scope_for(user, [Role.UNIVERSITY_STAFF]).ids_at(Level.UNIVERSITY)
    for university in MedicalUniversity.objects.filter(pk__in=ids).order_by("name"):
        choices.append((str(university.pk), university.name))
    return choices


class OwnerMixin:
    """Adds an `owner` field (hidden when there is one choice); `owner_university()`."""

    def add_owner_field(self, user) -> None:
        choices = owner_choices(user)
        self.fields["owner"] = forms.ChoiceField(
            label=_("مالک"), choices=choices, initial=choices[0][0] if choices else None
        )
        if len(choices) == 1:
            self.fields["owner"].widget = forms.HiddenInput()

    def owner_university(self):
        value = self.cleaned_data.get("owner")
        if not value or value == NATIONAL:
            return None
        return MedicalUniversity.objects.get(pk=value)


class QuestionnaireForm(OwnerMixin, PortalForm):
    title = forms.CharField(label=_("عنوان پرسشنامه"), max_length=200)
    kind = forms.ChoiceField(label=_("نوع"), choices=QuestionnaireKind.choices)
    description = forms.CharField(
        label=_("توضیح برای پاسخ‌دهنده"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, with_owner: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if with_owner:
            self.add_owner_field(user)


class SectionForm(PortalForm):
    title = forms.CharField(label=_("عنوان بخش"), max_length=200)
    description = forms.CharField(
        label=_("توضیح"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(PortalForm):
    """One question of the builder; `to_spec()` gives it as plain data for the
    services, which check it again with the whole questionnaire."""

    label = forms.CharField(
        label=_("متن پرسش"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    type = forms.ChoiceField(label=_("نوع پرسش"), choices=QuestionType.choices)
    section = forms.ModelChoiceField(label=_("بخش"), queryset=None, empty_label=None)
    name = forms.CharField(
        label=_("نام فنی"),
        max_length=64,
        required=False,
        help_text=_("خالی بگذارید تا خودکار ساخته شود (q1، q2…). فقط حروف انگلیسی، رقم و _."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    hint = forms.CharField(label=_("راهنما"), max_length=300, required=False)
    required = forms.BooleanField(label=_("پاسخ الزامی است"), required=False)
    choices_text = forms.CharField(
        label=_("گزینه‌ها"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("هر گزینه در یک خط؛ برای تعیین مقدار فنی: «مقدار|عنوان»، مانند «yes|بله»."),
    )
    likert_scale = forms.ChoiceField(
        label=_("نوع طیف لیکرت"), choices=LikertScale.choices, required=False
    )
    min_value = forms.DecimalField(
        label=_("کمینه"),
        required=False,
        help_text=_("عدد: کمترین مقدار؛ چندگزینه‌ای: کمترین تعداد انتخاب"),
    )
    max_value = forms.DecimalField(
        label=_("بیشینه"),
        required=False,
        help_text=_("عدد: بیشترین مقدار؛ چندگزینه‌ای: بیشترین تعداد انتخاب"),
    )
    topic = forms.ModelChoiceField(
        label=_("موضوع سلامت (برای رتبه‌بندی مشکلات در نیازسنجی)"),
        queryset=ThematicTopic.objects.filter(is_active=True),
        required=False,
    )
    condition_question = forms.ChoiceField(label=_("نمایش فقط وقتی پرسش"), required=False)
    condition_operator = forms.ChoiceField(
        label=_("شرط"), choices=[("", "—"), *ConditionOperator.choices], required=False
    )
    condition_value = forms.CharField(
        label=_("مقدار"),
        max_length=200,
        required=False,
        help_text=_("مقدار فنی گزینه (مانند yes)، یا عدد، یا تاریخ"),
    )

    def __init__(self, *args, version, question: Question | None = None, **kwargs) -> None:
        self.version = version
        self.question = question
        self.others = [
            q for q in version.questions.order_by("section__order", "order", "pk") if q != question
        ]
        initial = kwargs.pop("initial", {}) or {}
        if question is not None:
            initial = {
                "label": question.label,
                "type": question.type,
                "section": question.section_id,
                "name": question.name,
                "hint": question.hint,
                "required": question.required,
                "choices_text": "\n".join(f"{c.value}|{c.label}" for c in question.choices.all()),
                "likert_scale": question.likert_scale,
                "min_value": question.min_value,
                "max_value": question.max_value,
                "topic": question.topic_id,
                "condition_question": question.condition_question.name
                if question.has_condition
                else "",
                "condition_operator": question.condition_operator,
                "condition_value": question.condition_value,
                **initial,
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["section"].queryset = version.sections.order_by("order", "pk")
        self.fields["condition_question"].choices = [("", "—")] + [
            (q.name, f"{q.name} — {q.label[:60]}") for q in self.others
        ]
        self.fields["type"].widget.attrs["data-question-type"] = ""

    def clean(self):
        data = super().clean()
        type_ = data.get("type")
        if not type_:
            return data
        name = data.get("name") or (
            self.question.name if self.question else suggest_name(q.name for q in self.others)
        )
        data["name"] = name
        choices: list[ChoiceSpec] = []
        if type_ in CHOICE_TYPES:
            taken: set[str] = set()
            for line in (data.get("choices_text") or "").splitlines():
                line = line.strip()
                if not line:
                    continue
                if "|" in line:
                    value, label = (part.strip() for part in line.split("|", 1))
                else:
                    value, label = slug_value(line, taken), line
                taken.add(value)
                choices.append(ChoiceSpec(value, label))
        condition = None
        fields = [
            data.get("condition_question"),
            data.get("condition_operator"),
            data.get("condition_value"),
        ]
        if any(fields):
            if not all(fields):
                self.add_error(
                    "condition_question", _("برای شرط نمایش، پرسش، نوع شرط و مقدار را کامل کنید.")
                )
            else:
                condition = ConditionSpec(*fields)
        topic = data.get("topic")
        spec = QuestionSpec(
            name=name,
            label=data.get("label") or "",
            type=type_,
            hint=data.get("hint") or "",
            required=bool(data.get("required")),
            min_value=data.get("min_value"),
            max_value=data.get("max_value"),
            likert_scale=(data.get("likert_scale") or LikertScale.AGREEMENT)
            if type_ == QuestionType.LIKERT
            else "",
            topic_code=topic.code if topic else "",
            choices=choices,
            condition=condition,
        )
        earlier = {q.name: _spec_of(q) for q in self.others}
        if name in earlier:
            self.add_error(
                "name", _("نام فنی «%(name)s» در این پرسشنامه تکراری است.") % {"name": name}
            )
            earlier.pop(name)
        for message in question_errors(spec, earlier):
            self.add_error(None, message)
        self.spec = spec
        return data

    def to_spec(self) -> QuestionSpec:
        return self.spec


def _spec_of(question: Question) -> QuestionSpec:
    return QuestionSpec(
        name=question.name,
        label=question.label,
        type=question.type,
        likert_scale=question.likert_scale,
        choices=[ChoiceSpec(c.value, c.label) for c in question.choices.all()],
    )


class XLSFormImportForm(OwnerMixin, PortalForm):
    file = forms.FileField(
        label=_("پرونده XLSForm (xlsx)"),
        help_text=_("کاربرگ ODK یا KoBoToolbox با برگه‌های survey و choices"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    kind = forms.ChoiceField(label=_("نوع پرسشنامه"), choices=QuestionnaireKind.choices)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_owner_field(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("فقط پرونده xlsx پذیرفته است."))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("حجم پرونده بیش از ۵ مگابایت است."))
        return upload


CUSTOM = "custom"


def period_choices(today=None) -> list[tuple[str, str]]:
    """Seasons and months of this Jalali year and the next, then «custom»."""
    month = JalaliMonth.of(today or jalali.today())
    choices = []
    for year in (month.year, month.year + 1):
        for season in range(1, 5):
            period = JalaliSeason(year, season)
            choices.append((period.key, period.label))
        for number in range(1, 13):
            period = JalaliMonth(year, number)
            choices.append((period.key, period.label))
    return [*choices, (CUSTOM, str(_("بازه دلخواه")))]


class CampaignForm(OwnerMixin, PortalForm):
    title = forms.CharField(label=_("عنوان پویش"), max_length=200)
    questionnaire = forms.ModelChoiceField(label=_("پرسشنامه"), queryset=None)
    period = forms.ChoiceField(label=_("دوره گردآوری"))
    starts_on = JalaliDateField(label=_("از تاریخ (برای بازه دلخواه)"), required=False)
    ends_on = JalaliDateField(label=_("تا تاریخ (برای بازه دلخواه)"), required=False)
    target_per_club = forms.IntegerField(
        label=_("تعداد پاسخ هدف برای هر کانون"), min_value=1, max_value=100000, initial=10
    )
    universities = forms.ModelMultipleChoiceField(
        label=_("همه کانون‌های این دانشگاه‌ها"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("همه کانون‌های این شهرستان‌ها"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clubs = forms.ModelMultipleChoiceField(
        label=_("این کانون‌ها"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_owner_field(user)
        self.fields["questionnaire"].queryset = Questionnaire.objects.for_user(user).active()
        self.fields["period"].choices = period_choices()
        self.fields["period"].initial = JalaliSeason.of(jalali.today()).key
        self.fields["universities"].queryset = MedicalUniversity.objects.for_user(user).order_by(
            "name"
        )
        self.fields["counties"].queryset = (
            County.objects.for_user(user)
            .select_related("province")
            .order_by("province__name", "name")
        )
        self.fields["counties"].label_from_instance = lambda c: f"{c.name} ({c.province.name})"
        national = user.has_role(Role.MINISTRY_ADMIN)
        if national:
            # Tens of thousands of clubs cannot be ticked one by one: choose by region.
            del self.fields["clubs"]
        else:
            self.fields["clubs"].queryset = (
                Club.objects.for_user(user)
                .exclude(status=ClubStatus.CLOSED)
                .select_related("neighborhood")
                .order_by("name")
            )
            self.fields["clubs"].label_from_instance = lambda c: f"{c.name} — {c.neighborhood.name}"

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if period == CUSTOM:
            if not data.get("starts_on") or not data.get("ends_on"):
                raise ValidationError(_("برای بازه دلخواه، تاریخ آغاز و پایان را بنویسید."))
            if data["ends_on"] < data["starts_on"]:
                raise ValidationError(_("پایان پویش نمی‌تواند پیش از آغاز آن باشد."))
            data["period_key"] = ""
        elif period:
            chosen = period_from_key(period)
            data["starts_on"], data["ends_on"] = chosen.range
            data["period_key"] = chosen.key
        condition = Q()
        chosen_any = False
        if data.get("universities"):
            condition |= Q(neighborhood__county__university__in=data["universities"])
            chosen_any = True
        if data.get("counties"):
            condition |= Q(neighborhood__county__in=data["counties"])
            chosen_any = True
        if data.get("clubs"):
            condition |= Q(pk__in=[c.pk for c in data["clubs"]])
            chosen_any = True
        if not chosen_any:
            raise ValidationError(_("کانون‌های پویش را انتخاب کنید: دانشگاه، شهرستان یا کانون."))
        clubs = Club.objects.for_user(self.user).exclude(status=ClubStatus.CLOSED).filter(condition)
        if not clubs.exists():
            raise ValidationError(_("در محدوده انتخاب‌شده کانون فعالی نیست."))
        data["club_queryset"] = clubs
        return data


class ResponseStartForm(PortalForm):
    target = forms.ModelChoiceField(label=_("کانون"), queryset=None, empty_label=None)
    respondent_label = forms.CharField(
        label=_("برچسب پاسخ‌دهنده (اختیاری)"),
        max_length=100,
        required=False,
        help_text=_("مانند «بانوی ۴۵ ساله، کوچه سوم»؛ نام کامل یا کد ملی ننویسید."),
    )

    def __init__(self, *args, targets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["target"].label_from_instance = lambda t: t.club.name
        if targets.count() == 1:
            self.fields["target"].widget = forms.HiddenInput()
            self.fields["target"].initial = targets.first().pk


# --- The response form -------------------------------------------------------------------------

REQUIRED_MESSAGE = _("پاسخ به این پرسش الزامی است.")


def _field_for(question: Question) -> forms.Field:
    # Required is enforced in clean() (only for shown questions, only on submit), so the
    # field itself is optional; the page marks required questions (`is-required`).
    common = {"label": question.label, "help_text": question.hint, "required": False}
    options = question.option_pairs()
    if question.type == QuestionType.TEXT:
        return forms.CharField(
            max_length=500,
            error_messages={"max_length": _("متن حداکثر ۵۰۰ نویسه باشد.")},
            **common,
        )
    if question.type == QuestionType.LONG_TEXT:
        return forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": _("متن حداکثر ۵۰۰۰ نویسه باشد.")},
            **common,
        )
    if question.type in NUMERIC_TYPES:
        bounds = {}
        messages = {}
        if question.min_value is not None:
            bounds["min_value"] = question.min_value
            messages["min_value"] = _("مقدار باید دست‌کم %(n)s باشد.") % {
                "n": format_number(question.min_value)
            }
        if question.max_value is not None:
            bounds["max_value"] = question.max_value
            messages["max_value"] = _("مقدار باید حداکثر %(n)s باشد.") % {
                "n": format_number(question.max_value)
            }
        if question.type == QuestionType.INTEGER:
            return forms.IntegerField(
                widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
                error_messages={"invalid": _("عدد صحیح وارد کنید؛ مانند ۱۲."), **messages},
                **bounds,
                **common,
            )
        return forms.DecimalField(
            widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
            max_digits=14,
            decimal_places=4,
            error_messages={
                "invalid": _("عدد وارد کنید؛ مانند ۱۲٫۵."),
                "max_decimal_places": _("حداکثر چهار رقم اعشار."),
                "max_digits": _("عدد بیش از اندازه بزرگ است."),
                **messages,
            },
            **bounds,
            **common,
        )
    if question.type == QuestionType.DATE:
        return JalaliDateField(**common)
    if question.type == QuestionType.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("گزینه «%(value)s» در فهرست نیست.")},
            **common,
        )
    # single, Likert, yes/no
    return forms.ChoiceField(
        choices=options,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("گزینه «%(value)s» در فهرست نیست.")},
        **common,
    )


def field_name(question: Question) -> str:
    return f"q_{question.name}"


class ResponseFormBase(PortalForm):
    """Fields are added per question by `response_form_class`. Hidden questions (their
    condition is false for the answers sent) are not validated and their values are
    dropped; on submit, every shown required question must be answered."""

    questions: list[Question] = []

    def __init__(self, *args, submit: bool = False, **kwargs) -> None:
        self.submit = submit
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        values = self.values_from(data)
        rules_values = {name: value for name, value in values.items() if name not in self._bad()}
        from surveys.services import visible_questions

        shown = visible_questions(self.questions, rules_values)
        for question in self.questions:
            key = field_name(question)
            if question.name not in shown:
                self.errors.pop(key, None)
                data.pop(key, None)
                continue
            value = data.get(key)
            missing = value in (None, "", [], ())
            if self.submit and question.required and missing and key not in self.errors:
                self.add_error(key, REQUIRED_MESSAGE)
            if question.type == QuestionType.MULTIPLE and value:
                count = len(value)
                if question.min_value is not None and count < question.min_value:
                    self.add_error(
                        key,
                        _("دست‌کم %(n)s گزینه انتخاب کنید.")
                        % {"n": format_number(question.min_value)},
                    )
                if question.max_value is not None and count > question.max_value:
                    self.add_error(
                        key,
                        _("حداکثر %(n)s گزینه انتخاب کنید.")
                        % {"n": format_number(question.max_value)},
                    )
        self.shown = shown
        return data

    def _bad(self) -> set[str]:
        return {q.name for q in self.questions if field_name(q) in self.errors}

    def values_from(self, data) -> dict[str, object]:
        return {q.name: data.get(field_name(q)) for q in self.questions}

    def answer_values(self) -> dict[str, object]:
        """Cleaned answers of the shown questions, keyed by question name."""
        return {
            q.name: self.cleaned_data.get(field_name(q))
            for q in self.questions
            if q.name in self.shown
        }


def response_form_class(questions: list[Question]) -> type[ResponseFormBase]:
    attrs = {field_name(q): _field_for(q) for q in questions}
    attrs["questions"] = questions
    return type("ResponseForm", (ResponseFormBase,), attrs)


def response_initial(response) -> dict[str, object]:
    """The stored answers of a draft as form initial data."""
    initial: dict[str, object] = {}
    for answer in response.answers.select_related("question"):
        question = answer.question
        key = field_name(question)
        if question.type == QuestionType.MULTIPLE:
            initial.setdefault(key, []).append(answer.choice_value)
        elif question.type in VALUE_TYPES:
            initial[key] = answer.choice_value
        elif question.type in NUMERIC_TYPES:
            value = answer.number_value
            initial[key] = (
                int(value) if question.type == QuestionType.INTEGER else value.normalize()
            )
        elif question.type == QuestionType.DATE:
            initial[key] = answer.date_value
        else:
            initial[key] = answer.text_value
    return initial


def show_if_attrs(question: Question, names: dict[int, str]) -> dict[str, str]:
    """The data attributes the browser's script reads to hide a conditional question."""
    if not question.has_condition:
        return {}
    return {
        "field": f"q_{names[question.condition_question_id]}",
        "op": question.condition_operator,
        "value": question.condition_value,
    }


# --- Results filter ---------------------------------------------------------------------------


class RegionFilterForm(PortalForm):
    """Province / university / county / club, each limited to the user's scope."""

    province = forms.ModelChoiceField(label=_("استان"), queryset=None, required=False)
    university = forms.ModelChoiceField(label=_("دانشگاه"), queryset=None, required=False)
    county = forms.ModelChoiceField(label=_("شهرستان"), queryset=None, required=False)
    club = forms.ModelChoiceField(label=_("کانون"), queryset=None, required=False)

    def __init__(self, *args, user, clubs=None, with_club: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.for_user(user).order_by("name")
        self.fields["university"].queryset = MedicalUniversity.objects.for_user(user).order_by(
            "name"
        )
        self.fields["county"].queryset = County.objects.for_user(user).order_by("name")
        if with_club:
            self.fields["club"].queryset = self._club_choices(
                clubs if clubs is not None else Club.objects.for_user(user)
            )
        else:
            del self.fields["club"]

    CLUB_CHOICES_LIMIT = 300

    def _club_choices(self, clubs):
        """Clubs to pick from: those of the chosen county, or all when few (a national
        campaign has tens of thousands: choose the county first)."""
        county = self.data.get("county") if self.is_bound else None
        if county and str(county).isdigit():
            return clubs.filter(neighborhood__county=county).order_by("name")
        if clubs.order_by()[: self.CLUB_CHOICES_LIMIT + 1].count() > self.CLUB_CHOICES_LIMIT:
            self.fields["club"].help_text = _("برای انتخاب کانون، نخست شهرستان را انتخاب کنید.")
            return clubs.none()
        return clubs.order_by("name")

    def club_condition(self, prefix: str = "") -> Q:
        if not self.is_valid():
            return Q()
        data = self.cleaned_data
        condition = Q()
        if data.get("province"):
            condition &= Q(**{f"{prefix}neighborhood__county__province": data["province"]})
        if data.get("university"):
            condition &= Q(**{f"{prefix}neighborhood__county__university": data["university"]})
        if data.get("county"):
            condition &= Q(**{f"{prefix}neighborhood__county": data["county"]})
        if data.get("club"):
            condition &= Q(**{(prefix.rstrip("_") or "pk"): data["club"]})
        return condition


# --- Indicators --------------------------------------------------------------------------------


class IndicatorForm(OwnerMixin, PortalModelForm):
    computation = forms.ChoiceField(label=_("محاسبه آماده"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "definition",
            "numerator_label",
            "denominator_label",
            "unit",
            "source",
            "computation",
            "questionnaire",
            "campaign",
            "question_name",
            "survey_measure",
            "answer_value",
            "default_target",
            "higher_is_better",
            "is_active",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "question_name": forms.TextInput(attrs={"dir": "ltr"}),
            "answer_value": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_owner_field(user)
        self.fields["computation"].choices = [("", "—")] + [
            (c.key, c.label) for c in REGISTRY.values()
        ]
        self.fields["questionnaire"].queryset = Questionnaire.objects.for_user(user)
        self.fields["campaign"].queryset = Campaign.objects.for_user(user)
        self.fields["question_name"].help_text = _("نام فنی پرسش در پرسشنامه، مانند s_overall")
        self.fields["answer_value"].help_text = _("برای «سهم»: مقدار فنی گزینه، مانند yes یا 5")

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == IndicatorSource.PORTAL:
            computation = REGISTRY.get(data.get("computation") or "")
            if computation is None:
                self.add_error("computation", _("یکی از محاسبه‌های آماده را انتخاب کنید."))
            for name in ("questionnaire", "campaign"):
                data[name] = None
            for name in ("question_name", "survey_measure", "answer_value"):
                data[name] = ""
        elif source == IndicatorSource.SURVEY:
            data["computation"] = ""
            self._clean_survey(data)
        return data

    def _clean_survey(self, data) -> None:
        questionnaire = data.get("questionnaire")
        if questionnaire is None:
            self.add_error("questionnaire", _("پرسشنامه را انتخاب کنید."))
            return
        campaign = data.get("campaign")
        if campaign is not None and campaign.questionnaire_id != questionnaire.pk:
            self.add_error("campaign", _("این پویش از پرسشنامه انتخاب‌شده نیست."))
        question = (
            Question.objects.filter(
                version=questionnaire.current_version, name=data.get("question_name") or ""
            )
            .prefetch_related("choices")
            .first()
        )
        if question is None:
            self.add_error("question_name", _("پرسشی با این نام فنی در پرسشنامه نیست."))
            return
        measure = data.get("survey_measure")
        if measure == SurveyMeasure.MEAN:
            if question.type not in (*NUMERIC_TYPES, QuestionType.LIKERT):
                self.add_error("survey_measure", _("میانگین فقط برای پرسش عددی یا لیکرت است."))
            data["answer_value"] = ""
        elif measure == SurveyMeasure.SHARE:
            if question.type not in VALUE_TYPES:
                self.add_error(
                    "survey_measure", _("سهم فقط برای پرسش گزینه‌ای، لیکرت یا بله/خیر است.")
                )
            elif data.get("answer_value") not in {v for v, _l in question.option_pairs()}:
                self.add_error(
                    "answer_value",
                    _("گزینه‌ها: %(options)s")
                    % {"options": "، ".join(v for v, _l in question.option_pairs())},
                )
        else:
            self.add_error("survey_measure", _("سنجه را انتخاب کنید."))

    def save(self, commit: bool = True):
        indicator = super().save(commit=False)
        indicator.computation = self.cleaned_data.get("computation", "")
        if self.instance._state.adding:
            indicator.owner_university = self.owner_university()
        return indicator


GRANULARITY_CHOICES = [("month", _("ماهانه")), ("season", _("فصلی"))]


class IndicatorViewForm(RegionFilterForm):
    granularity = forms.ChoiceField(label=_("دوره"), choices=GRANULARITY_CHOICES, required=False)
    year = forms.IntegerField(label=_("سال"), min_value=1390, max_value=1500, required=False)
    level = forms.ChoiceField(
        label=_("تفکیک بر پایه"), choices=list(LEVEL_LABELS.items()), required=False
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, user=user, with_club=False, **kwargs)
        self.fields["year"].widget.attrs.update({"inputmode": "numeric", "dir": "ltr"})

    def settings(self, default_level: str) -> tuple[str, int, str]:
        data = self.cleaned_data if self.is_valid() else {}
        year = data.get("year") or JalaliMonth.of(jalali.today()).year
        return data.get("granularity") or "month", year, data.get("level") or default_level


def periods_of(granularity: str, year: int):
    if granularity == "season":
        return [JalaliSeason(year, s) for s in range(1, 5)]
    return [JalaliMonth(year, m) for m in range(1, 13)]


class IndicatorTargetForm(PortalForm):
    period = forms.ChoiceField(label=_("دوره"))
    value = forms.DecimalField(
        label=_("مقدار هدف"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("خالی: حذف هدف این دوره"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [c for c in period_choices() if c[0] != CUSTOM]
