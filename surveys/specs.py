"""A questionnaire as plain data, and the rules every questionnaire obeys.

`FormSpec` is what the builder's services, the XLSForm import and export, the shipped
templates and version copies all pass around: one set of rules (`spec_errors`,
`condition_error`) checks them wherever they come from, and one function builds the
rows (`surveys.services.version_from_spec`).

Conditions (شرط نمایش) are evaluated here too, the same way for the server-side skip
and for the `data-show-if` attributes the browser's script reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.text import persian_digits
from surveys.models import (
    CHOICE_PATTERN_RE,
    CHOICE_TYPES,
    LIKERT_LABELS,
    NAME_RE,
    NUMERIC_TYPES,
    YES_NO_CHOICES,
    ConditionOperator,
    LikertScale,
    QuestionType,
)

ORDER_OPERATORS = frozenset(
    {ConditionOperator.GT, ConditionOperator.GTE, ConditionOperator.LT, ConditionOperator.LTE}
)
SET_OPERATORS = frozenset({ConditionOperator.CONTAINS, ConditionOperator.NOT_CONTAINS})


@dataclass
class ChoiceSpec:
    value: str
    label: str


@dataclass
class ConditionSpec:
    question: str  # the name of an earlier question
    operator: str
    value: str


@dataclass
class QuestionSpec:
    name: str
    label: str
    type: str
    hint: str = ""
    required: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    likert_scale: str = ""
    topic_code: str = ""
    choices: list[ChoiceSpec] = field(default_factory=list)
    condition: ConditionSpec | None = None

    def options(self) -> list[tuple[str, str]]:
        return spec_options(
            self.type, self.likert_scale, [(c.value, c.label) for c in self.choices]
        )


@dataclass
class SectionSpec:
    title: str
    description: str = ""
    questions: list[QuestionSpec] = field(default_factory=list)


@dataclass
class FormSpec:
    title: str
    description: str = ""
    kind: str = "other"
    sections: list[SectionSpec] = field(default_factory=list)

    def questions(self) -> list[QuestionSpec]:
        return [q for section in self.sections for q in section.questions]


def spec_options(type_: str, likert_scale: str, choices: list[tuple[str, str]]):
    if type_ == QuestionType.LIKERT:
        labels = LIKERT_LABELS[likert_scale or LikertScale.AGREEMENT]
        return [(str(i), label) for i, label in enumerate(labels, start=1)]
    if type_ == QuestionType.YES_NO:
        return list(YES_NO_CHOICES)
    if type_ in CHOICE_TYPES:
        return list(choices)
    return []


def to_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def condition_error(
    source_type: str, source_options: list[tuple[str, str]], operator: str, value: str
) -> str | None:
    """Why a condition on a question of `source_type` cannot work, or None."""
    if operator not in ConditionOperator.values:
        return _("شرط «%(op)s» شناخته نیست.") % {"op": operator}
    if value in (None, ""):
        return _("مقدار شرط را بنویسید.")
    if source_type in (QuestionType.TEXT, QuestionType.LONG_TEXT, QuestionType.DATE) and (
        operator not in (ConditionOperator.EQUALS, ConditionOperator.NOT_EQUALS)
    ):
        return _("برای پرسش متنی یا تاریخ فقط «برابر» و «نابرابر» ممکن است.")
    if operator in SET_OPERATORS and source_type != QuestionType.MULTIPLE:
        return _("«شامل بودن» فقط برای پرسش چندگزینه‌ای معنا دارد؛ «برابر» را به کار ببرید.")
    if source_type == QuestionType.MULTIPLE and operator not in SET_OPERATORS:
        return _("برای پرسش چندگزینه‌ای «شامل این گزینه باشد/نباشد» را به کار ببرید.")
    if operator in ORDER_OPERATORS:
        if source_type not in (*NUMERIC_TYPES, QuestionType.LIKERT):
            return _("مقایسه بزرگ‌تر/کوچک‌تر فقط برای پرسش عددی یا لیکرت ممکن است.")
        if to_decimal(value) is None:
            return _("مقدار شرط «%(value)s» عدد نیست.") % {"value": value}
    if source_type in NUMERIC_TYPES and to_decimal(value) is None:
        return _("مقدار شرط «%(value)s» عدد نیست.") % {"value": value}
    if source_type == QuestionType.DATE:
        from core.jalali import parse_date

        try:
            parse_date(value)
        except ValueError:
            return _("مقدار شرط «%(value)s» تاریخ نیست.") % {"value": value}
    options = [v for v, _label in source_options]
    if options and operator not in ORDER_OPERATORS and value not in options:
        return _("«%(value)s» از گزینه‌های پرسش نیست (گزینه‌ها: %(options)s).") % {
            "value": value,
            "options": "، ".join(options),
        }
    return None


def condition_met(source_type: str, operator: str, expected: str, actual) -> bool:
    """Whether a condition holds for the source question's (cleaned) answer. An
    unanswered source never satisfies a condition."""
    if actual in (None, "", [], ()):
        return False
    if source_type == QuestionType.MULTIPLE:
        chosen = set(actual if isinstance(actual, list | tuple | set) else [actual])
        if operator == ConditionOperator.CONTAINS:
            return expected in chosen
        if operator == ConditionOperator.NOT_CONTAINS:
            return expected not in chosen
        return False
    if source_type in (*NUMERIC_TYPES, QuestionType.LIKERT):
        left, right = to_decimal(actual), to_decimal(expected)
        if left is None or right is None:
            return False
        return {
            ConditionOperator.EQUALS: left == right,
            ConditionOperator.NOT_EQUALS: left != right,
            ConditionOperator.GT: left > right,
            ConditionOperator.GTE: left >= right,
            ConditionOperator.LT: left < right,
            ConditionOperator.LTE: left <= right,
        }.get(operator, False)
    if source_type == QuestionType.DATE:
        from core.jalali import parse_date

        try:
            expected_value = parse_date(expected)
        except ValueError:
            return False
        actual_value = actual if isinstance(actual, dt.date) else None
        if operator == ConditionOperator.EQUALS:
            return actual_value == expected_value
        if operator == ConditionOperator.NOT_EQUALS:
            return actual_value != expected_value
        return False
    if operator == ConditionOperator.EQUALS:
        return str(actual) == expected
    if operator == ConditionOperator.NOT_EQUALS:
        return str(actual) != expected
    return False


@dataclass(frozen=True)
class VisibilityRule:
    name: str
    type: str
    condition_source: str | None = None
    operator: str = ""
    value: str = ""


def visible_names(rules: Iterable[VisibilityRule], values: Mapping[str, object]) -> set[str]:
    """The questions shown for these answers, in questionnaire order: a question with a
    condition is shown when its source is shown and the condition holds."""
    rules = list(rules)
    types = {rule.name: rule.type for rule in rules}
    shown: set[str] = set()
    for rule in rules:
        if rule.condition_source is None:
            shown.add(rule.name)
            continue
        source = rule.condition_source
        if source in shown and condition_met(
            types[source], rule.operator, rule.value, values.get(source)
        ):
            shown.add(rule.name)
    return shown


def spec_errors(spec: FormSpec) -> list[str]:
    """Every problem of a whole questionnaire; empty when it can be built."""
    errors: list[str] = []
    if not spec.title.strip():
        errors.append(_("عنوان پرسشنامه خالی است."))
    if not spec.sections:
        errors.append(_("پرسشنامه هیچ بخشی ندارد."))
    seen: dict[str, QuestionSpec] = {}
    for question in spec.questions():
        for message in question_errors(question, seen):
            errors.append(f"«{question.name or question.label}»: {message}")
        if question.name:
            seen[question.name] = question
    return errors


def question_errors(question: QuestionSpec, earlier: Mapping[str, QuestionSpec]) -> list[str]:
    """Problems of one question given the questions before it (by name)."""
    errors: list[str] = []
    if not question.name:
        errors.append(_("نام فنی پرسش خالی است."))
    elif not NAME_RE.match(question.name):
        errors.append(
            _("نام فنی «%(name)s» درست نیست؛ فقط حروف انگلیسی، رقم و _ و با حرف آغاز شود.")
            % {"name": question.name}
        )
    elif question.name in earlier:
        errors.append(_("نام فنی «%(name)s» تکراری است.") % {"name": question.name})
    if not question.label.strip():
        errors.append(_("متن پرسش خالی است."))
    if question.type not in QuestionType.values:
        errors.append(_("نوع پرسش «%(type)s» شناخته نیست.") % {"type": question.type})
        return errors
    if question.type == QuestionType.LIKERT and question.likert_scale not in (
        "",
        *LikertScale.values,
    ):
        errors.append(_("نوع طیف لیکرت شناخته نیست."))
    if question.type in CHOICE_TYPES:
        if not question.choices:
            errors.append(_("پرسش گزینه‌ای دست‌کم یک گزینه می‌خواهد."))
        values = [choice.value for choice in question.choices]
        for choice in question.choices:
            if not CHOICE_PATTERN_RE.match(choice.value or ""):
                errors.append(
                    _("مقدار گزینه «%(value)s» نباید خالی باشد یا فاصله داشته باشد.")
                    % {"value": choice.value}
                )
            if not choice.label.strip():
                errors.append(_("عنوان گزینه «%(value)s» خالی است.") % {"value": choice.value})
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            errors.append(_("گزینه‌های تکراری: %(values)s") % {"values": "، ".join(duplicates)})
    bounded = question.type in (*NUMERIC_TYPES, QuestionType.MULTIPLE)
    if not bounded and (question.min_value is not None or question.max_value is not None):
        errors.append(_("کمینه و بیشینه فقط برای پرسش عددی یا چندگزینه‌ای است."))
    if (
        question.min_value is not None
        and question.max_value is not None
        and question.min_value > question.max_value
    ):
        errors.append(_("کمینه نمی‌تواند از بیشینه بزرگ‌تر باشد."))
    if question.type == QuestionType.INTEGER:
        for bound in (question.min_value, question.max_value):
            if bound is not None and bound != bound.to_integral_value():
                errors.append(_("کمینه و بیشینه پرسش عدد صحیح باید عدد صحیح باشد."))
                break
    if question.condition is not None:
        source = earlier.get(question.condition.question)
        if source is None:
            errors.append(
                _("شرط نمایش به پرسش «%(name)s» اشاره دارد که پیش از این پرسش نیامده است.")
                % {"name": question.condition.question}
            )
        else:
            problem = condition_error(
                source.type,
                source.options(),
                question.condition.operator,
                question.condition.value,
            )
            if problem:
                errors.append(_("شرط نمایش: %(problem)s") % {"problem": problem})
    return errors


def describe_condition(source_label: str, operator: str, value_label: str) -> str:
    return _("نمایش وقتی «%(source)s» %(op)s «%(value)s»") % {
        "source": source_label,
        "op": ConditionOperator(operator).label,
        "value": persian_digits(value_label),
    }


def suggest_name(existing: Iterable[str], base: str = "q") -> str:
    """The first free q1, q2, … name."""
    taken = set(existing)
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def slug_value(text: str, taken: set[str]) -> str:
    """A choice value from its label: ASCII letters and digits, else opt1, opt2…"""
    candidate = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_").lower()
    if not candidate or not re.match(r"^[A-Za-z_]", candidate):
        candidate = ""
    if candidate and candidate not in taken:
        return candidate
    number = 1
    while f"opt{number}" in taken:
        number += 1
    return f"opt{number}"
