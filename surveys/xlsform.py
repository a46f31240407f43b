"""XLSForm import and export (the ODK / KoBoToolbox spreadsheet standard).

Export writes a `survey` sheet (type, name, label, hint, required, relevant,
constraint, constraint_message, appearance), a `choices` sheet (list_name, name,
label) and a `settings` sheet, with Persian labels in `label::Persian (fa)` columns.

Our types map to XLSForm as: short text → text; long text → text with appearance
multiline; integer → integer; decimal → decimal; single / multiple choice →
select_one / select_multiple of the question's own list; Likert → select_one of a
`likert_<scale>` list (values 1–5); yes/no → select_one of the `yes_no` list; Jalali
date → date (XLSForm dates are Gregorian; the portal shows them Jalali). Sections are
groups. Bounds become constraints (`. >= 1 and . <= 10`, `count-selected(.) <= 3` for
multiple choice), conditions become `relevant` expressions (`${a} = 'yes'`,
`selected(${a}, 'x')`, `not(selected(${a}, 'x'))`, `${age} >= 18`).

Import reads the same (and the common forms of real questionnaires: a plain `label`
column or any `label::…(fa)` one, `select one` with a space, `yes()`/`true()` in
required, notes, metadata rows). Every row is checked before anything is created; a
problem is reported with its sheet and row number in Persian, and an expression or
type the portal cannot carry out is an error, never silently dropped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from core.text import format_number, normalize, persian_digits
from surveys.models import (
    LIKERT_LABELS,
    NAME_RE,
    NUMERIC_TYPES,
    ConditionOperator,
    LikertScale,
    QuestionType,
)
from surveys.specs import (
    ChoiceSpec,
    ConditionSpec,
    FormSpec,
    QuestionSpec,
    SectionSpec,
    question_errors,
)

FA = "Persian (fa)"
LABEL = f"label::{FA}"
HINT = f"hint::{FA}"
CONSTRAINT_MESSAGE = f"constraint_message::{FA}"
TOPIC_COLUMN = "instance::topic"  # our extension: the thematic topic a question rates

SURVEY_COLUMNS = [
    "type",
    "name",
    LABEL,
    HINT,
    "required",
    "relevant",
    "constraint",
    CONSTRAINT_MESSAGE,
    "appearance",
    TOPIC_COLUMN,
]
CHOICES_COLUMNS = ["list_name", "name", LABEL]
SETTINGS_COLUMNS = ["form_title", "form_id", "version", "default_language", "style"]

# Rows ODK fills in by itself; they hold no question and are skipped (with a notice).
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
}
TRUE_WORDS = {"yes", "true", "1", "true()", "yes()", "بله"}
FALSE_WORDS = {"", "no", "false", "0", "false()", "no()", "خیر"}


class XLSFormInvalid(Exception):
    def __init__(self, errors: list[XLSFormError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass(frozen=True)
class XLSFormError:
    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return _("برگه %(sheet)s: %(message)s") % {"sheet": self.sheet, "message": self.message}
        return _("برگه %(sheet)s، ردیف %(row)s: %(message)s") % {
            "sheet": self.sheet,
            "row": persian_digits(self.row),
            "message": self.message,
        }


@dataclass
class ImportResult:
    spec: FormSpec
    notices: list[str] = field(default_factory=list)


# --- Export ----------------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    value = Decimal(value).normalize()
    text = format(value, "f")
    return text


def _quote(value: str) -> str:
    return "'" + value.replace("'", "’") + "'"


def relevant_expression(source: QuestionSpec, operator: str, value: str) -> str:
    """The XLSForm `relevant` for a condition on `source`."""
    ref = "${" + source.name + "}"
    numeric = source.type in (*NUMERIC_TYPES,)
    if operator == ConditionOperator.CONTAINS:
        return f"selected({ref}, {_quote(value)})"
    if operator == ConditionOperator.NOT_CONTAINS:
        return f"not(selected({ref}, {_quote(value)}))"
    if source.type == QuestionType.DATE:
        from core.jalali import parse_date

        literal = f"date('{parse_date(value).isoformat()}')"
    else:
        literal = (
            _number(Decimal(value))
            if numeric or operator in ("gt", "gte", "lt", "lte")
            else _quote(value)
        )
    symbol = {"eq": "=", "neq": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[operator]
    return f"{ref} {symbol} {literal}"


def _constraint(question: QuestionSpec) -> tuple[str, str]:
    parts, words = [], []
    subject = "count-selected(.)" if question.type == QuestionType.MULTIPLE else "."
    if question.min_value is not None:
        parts.append(f"{subject} >= {_number(question.min_value)}")
    if question.max_value is not None:
        parts.append(f"{subject} <= {_number(question.max_value)}")
    if not parts:
        return "", ""
    low = format_number(float(question.min_value)) if question.min_value is not None else ""
    high = format_number(float(question.max_value)) if question.max_value is not None else ""
    if question.type == QuestionType.MULTIPLE:
        if low and high:
            words.append(
                _("بین %(low)s تا %(high)s گزینه انتخاب کنید.") % {"low": low, "high": high}
            )
        elif low:
            words.append(_("دست‌کم %(n)s گزینه انتخاب کنید.") % {"n": low})
        else:
            words.append(_("حداکثر %(n)s گزینه انتخاب کنید.") % {"n": high})
    elif low and high:
        words.append(_("مقدار باید بین %(low)s و %(high)s باشد.") % {"low": low, "high": high})
    elif low:
        words.append(_("مقدار باید دست‌کم %(n)s باشد.") % {"n": low})
    else:
        words.append(_("مقدار باید حداکثر %(n)s باشد.") % {"n": high})
    return " and ".join(parts), " ".join(words)


def _list_name(question: QuestionSpec) -> str:
    if question.type == QuestionType.LIKERT:
        return f"likert_{question.likert_scale or LikertScale.AGREEMENT}"
    if question.type == QuestionType.YES_NO:
        return "yes_no"
    return question.name


def export_xlsform(spec: FormSpec, *, form_id: str, version: int | str) -> bytes:
    """The questionnaire as an XLSForm workbook (bytes of an .xlsx file)."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.sheet_view.rightToLeft = True
    survey.append(SURVEY_COLUMNS)
    by_name = {q.name: q for q in spec.questions()}
    lists: dict[str, list[tuple[str, str]]] = {}
    for index, section in enumerate(spec.sections, start=1):
        survey.append(
            ["begin group", f"section_{index}", section.title, "", "", "", "", "", "field-list"]
        )
        if section.description:
            survey.append(["note", f"section_{index}_note", section.description])
        for question in section.questions:
            type_ = {
                QuestionType.TEXT: "text",
                QuestionType.LONG_TEXT: "text",
                QuestionType.INTEGER: "integer",
                QuestionType.DECIMAL: "decimal",
                QuestionType.DATE: "date",
            }.get(question.type)
            if type_ is None:
                list_name = _list_name(question)
                kind = "select_multiple" if question.type == QuestionType.MULTIPLE else "select_one"
                type_ = f"{kind} {list_name}"
                lists.setdefault(list_name, question.options())
            relevant = ""
            if question.condition is not None:
                relevant = relevant_expression(
                    by_name[question.condition.question],
                    question.condition.operator,
                    question.condition.value,
                )
            constraint, message = _constraint(question)
            appearance = "multiline" if question.type == QuestionType.LONG_TEXT else ""
            if question.type == QuestionType.LIKERT:
                appearance = "likert"
            survey.append(
                [
                    type_,
                    question.name,
                    question.label,
                    question.hint,
                    "yes" if question.required else "",
                    relevant,
                    constraint,
                    message,
                    appearance,
                    question.topic_code,
                ]
            )
        survey.append(["end group", f"section_{index}"])
    choices = workbook.create_sheet("choices")
    choices.sheet_view.rightToLeft = True
    choices.append(CHOICES_COLUMNS)
    for list_name, options in lists.items():
        for value, label in options:
            choices.append([list_name, value, label])
    settings = workbook.create_sheet("settings")
    settings.append(SETTINGS_COLUMNS)
    settings.append([spec.title, form_id, str(version), FA, "pages"])
    for sheet in (survey, choices, settings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 24
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_id_for(title: str, pk: int) -> str:
    return f"{slugify(title) or 'questionnaire'}_{pk}"


# --- Import ------------------------------------------------------------------------------------

_REF = r"\$\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}"
_LITERAL = r"(?:'([^']*)'|\"([^\"]*)\"|(-?\d+(?:\.\d+)?))"
_COMPARE_RE = re.compile(rf"^{_REF}\s*(=|!=|>=|<=|>|<)\s*{_LITERAL}$")
_COMPARE_DATE_RE = re.compile(rf"^{_REF}\s*(=|!=)\s*date\(\s*'(\d{{4}}-\d{{2}}-\d{{2}})'\s*\)$")
_SELECTED_RE = re.compile(rf"^selected\(\s*{_REF}\s*,\s*{_LITERAL}\s*\)$")
_NOT_SELECTED_RE = re.compile(rf"^not\(\s*selected\(\s*{_REF}\s*,\s*{_LITERAL}\s*\)\s*\)$")
_BOUND_RE = re.compile(
    r"^\(?\s*(\.|count-selected\(\s*\.\s*\))\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*\)?$"
)
_SYMBOLS = {"=": "eq", "!=": "neq", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}


def _literal(match, first: int) -> str:
    for group in (first, first + 1, first + 2):
        if match.group(group) is not None:
            return match.group(group)
    return ""


def parse_relevant(expression: str) -> ConditionSpec | None:
    """A `relevant` expression as a condition, or None when it is not one of the
    simple forms the portal carries out."""
    text = " ".join(expression.split())
    if not text:
        return None
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    if match := _NOT_SELECTED_RE.match(text):
        return ConditionSpec(match.group(1), ConditionOperator.NOT_CONTAINS, _literal(match, 2))
    if match := _SELECTED_RE.match(text):
        return ConditionSpec(match.group(1), ConditionOperator.CONTAINS, _literal(match, 2))
    if match := _COMPARE_DATE_RE.match(text):
        import datetime as dt

        from core.jalali import format_date

        day = dt.date.fromisoformat(match.group(3))
        return ConditionSpec(
            match.group(1), _SYMBOLS[match.group(2)], format_date(day, digits="en")
        )
    if match := _COMPARE_RE.match(text):
        return ConditionSpec(match.group(1), _SYMBOLS[match.group(2)], _literal(match, 3))
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_constraint(expression: str, type_: str) -> tuple[Decimal | None, Decimal | None] | None:
    """`. >= 1 and . <= 10` (or count-selected(.) for multiple choice) as (min, max);
    None when the constraint is anything else."""
    text = " ".join(expression.split())
    low = high = None
    for part in re.split(r"\s+and\s+", text):
        match = _BOUND_RE.match(part.strip())
        if not match:
            return None
        subject, symbol, number = match.groups()
        if (subject != ".") != (type_ == QuestionType.MULTIPLE):
            return None
        value = Decimal(number)
        if symbol in (">", "<"):
            if type_ == QuestionType.DECIMAL or value != value.to_integral_value():
                return None  # a strict bound on decimals has no inclusive equivalent
            value = value + 1 if symbol == ">" else value - 1
            symbol += "="
        if symbol == ">=":
            low = value if low is None else max(low, value)
        else:
            high = value if high is None else min(high, value)
    return low, high


_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200f": None, "\u200e": None})
# Columns read as code (names, types, expressions): digits and letters normalized.
_CODE_COLUMNS = {"type", "name", "list_name", "list name", "required", "relevant", "constraint"}


def _cell_text(value) -> str:
    """A cell as text: Persian ی/ک for Arabic ي/ك; digits are kept as written (labels
    show them) and normalized only in the code columns (see `_read_sheet`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).translate(_LETTERS)


def _read_sheet(workbook, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]] | None:
    sheet = next((ws for ws in workbook.worksheets if ws.title.strip().lower() == name), None)
    if sheet is None:
        return None
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(h).strip() for h in next(rows)]
    except StopIteration:
        return [], []
    data = []
    for number, values in enumerate(rows, start=2):
        row = {
            header[i]: normalize(_cell_text(v))
            if header[i].lower() in _CODE_COLUMNS
            else _cell_text(v)
            for i, v in enumerate(values)
            if i < len(header) and header[i]
        }
        if any(row.values()):
            data.append((number, row))
    return header, data


def _pick_column(header: list[str], base: str) -> str | None:
    """The Persian column for `base` (label, hint…): `base::…(fa)`, else `base`, else
    the first `base::…` one."""
    lowered = {h.lower(): h for h in header if h}
    for key, original in lowered.items():
        if key.startswith(f"{base}::") and ("(fa)" in key or "persian" in key or "فارسی" in key):
            return original
    if base in lowered:
        return lowered[base]
    return next((h for k, h in lowered.items() if k.startswith(f"{base}::")), None)


def _likert_scale(list_name: str, options: list[tuple[str, str]]) -> str | None:
    values = [v for v, _label in options]
    if values != ["1", "2", "3", "4", "5"]:
        return None
    if list_name.startswith("likert_") and list_name[7:] in LikertScale.values:
        return list_name[7:]
    labels = tuple(label for _v, label in options)
    for scale, scale_labels in LIKERT_LABELS.items():
        if labels == scale_labels:
            return scale
    return None


def parse_xlsform(data: bytes | io.BytesIO) -> ImportResult:
    """Read an XLSForm workbook into a FormSpec, or raise XLSFormInvalid listing every
    problem with its sheet and row."""
    errors: list[XLSFormError] = []
    notices: list[str] = []
    try:
        workbook = load_workbook(
            io.BytesIO(data) if isinstance(data, bytes) else data, read_only=True, data_only=True
        )
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise XLSFormInvalid(
            [XLSFormError("—", None, _("پرونده یک کاربرگ اکسل (xlsx) خوانا نیست."))]
        ) from exc

    survey = _read_sheet(workbook, "survey")
    if survey is None:
        raise XLSFormInvalid([XLSFormError("survey", None, _("برگه survey در پرونده نیست."))])
    survey_header, survey_rows = survey
    for required_column in ("type", "name"):
        if required_column not in [h.lower() for h in survey_header]:
            errors.append(
                XLSFormError(
                    "survey", 1, _("ستون «%(c)s» در برگه survey نیست.") % {"c": required_column}
                )
            )
    label_column = _pick_column(survey_header, "label")
    if label_column is None:
        errors.append(XLSFormError("survey", 1, _("ستون label در برگه survey نیست.")))
    if errors:
        raise XLSFormInvalid(errors)
    hint_column = _pick_column(survey_header, "hint")
    lower = {h.lower(): h for h in survey_header if h}

    def col(row, name):
        key = lower.get(name)
        return row.get(key, "").strip() if key else ""

    # Choices
    lists: dict[str, list[tuple[str, str]]] = {}
    choices = _read_sheet(workbook, "choices")
    if choices is not None:
        choice_header, choice_rows = choices
        choice_label = _pick_column(choice_header, "label")
        choice_lower = {h.lower(): h for h in choice_header if h}
        list_key = choice_lower.get("list_name") or choice_lower.get("list name")
        if list_key is None or "name" not in choice_lower or choice_label is None:
            errors.append(
                XLSFormError(
                    "choices", 1, _("برگه choices باید ستون‌های list_name، name و label داشته باشد.")
                )
            )
        else:
            for number, row in choice_rows:
                list_name = row.get(list_key, "").strip()
                value = row.get(choice_lower["name"], "").strip()
                label = row.get(choice_label, "").strip()
                if not list_name:
                    errors.append(XLSFormError("choices", number, _("list_name خالی است.")))
                    continue
                if not value or re.search(r"\s", value):
                    errors.append(
                        XLSFormError(
                            "choices",
                            number,
                            _("name گزینه «%(v)s» نباید خالی باشد یا فاصله داشته باشد.")
                            % {"v": value},
                        )
                    )
                    continue
                if not label:
                    errors.append(
                        XLSFormError(
                            "choices", number, _("label گزینه «%(v)s» خالی است.") % {"v": value}
                        )
                    )
                    continue
                options = lists.setdefault(list_name, [])
                if any(v == value for v, _l in options):
                    errors.append(
                        XLSFormError(
                            "choices",
                            number,
                            _("گزینه «%(v)s» در فهرست «%(l)s» تکراری است.")
                            % {"v": value, "l": list_name},
                        )
                    )
                    continue
                options.append((value, label))

    # Settings
    title = ""
    settings = _read_sheet(workbook, "settings")
    if settings is not None and settings[1]:
        settings_header, settings_rows = settings
        title_column = _pick_column(settings_header, "form_title")
        if title_column:
            title = settings_rows[0][1].get(title_column, "").strip()

    spec = FormSpec(title=title or _("پرسشنامه واردشده"))
    sections: list[SectionSpec] = []
    group_stack: list[str] = []
    current: SectionSpec | None = None
    seen: dict[str, QuestionSpec] = {}

    def section_for_question() -> SectionSpec:
        nonlocal current
        if current is None:
            untitled = _("بخش %(n)s") % {"n": persian_digits(len(sections) + 1)}
            current = SectionSpec(title=group_stack[-1] if group_stack else untitled)
            sections.append(current)
        return current

    for number, row in survey_rows:
        type_text = " ".join(col(row, "type").split())
        type_lower = type_text.lower()
        name = col(row, "name")
        label = row.get(label_column, "").strip()

        def error(message: str, _number=number) -> None:
            errors.append(XLSFormError("survey", _number, message))

        if not type_text:
            error(_("ستون type خالی است."))
            continue
        if type_lower in ("begin group", "begin_group"):
            group_stack.append(label or name or _("بخش"))
            current = None
            continue
        if type_lower in ("end group", "end_group"):
            if not group_stack:
                error(_("«end group» بدون «begin group» پیش از آن."))
                continue
            group_stack.pop()
            current = None
            continue
        if type_lower in ("begin repeat", "begin_repeat", "end repeat", "end_repeat"):
            error(_("گروه تکرارشونده (repeat) پشتیبانی نمی‌شود؛ هر پاسخ یک پاسخ‌دهنده است."))
            continue
        if type_lower in METADATA_TYPES:
            notices.append(
                _("ردیف %(row)s: فراداده «%(type)s» را سامانه خود ثبت می‌کند و وارد نشد.")
                % {"row": persian_digits(number), "type": type_text}
            )
            continue
        if type_lower == "note":
            section = section_for_question()
            text = label or name
            section.description = (
                f"{section.description}\n{text}".strip() if section.description else text
            )
            if col(row, "relevant"):
                error(_("یادداشت (note) شرط‌دار پشتیبانی نمی‌شود."))
            continue

        question_type, list_name = _question_type(type_text)
        if question_type is None:
            error(_("نوع «%(type)s» در پرسشنامه‌های سامانه پشتیبانی نمی‌شود.") % {"type": type_text})
            continue
        appearance = col(row, "appearance").lower()
        options: list[tuple[str, str]] = []
        likert_scale = ""
        if list_name is not None:
            if list_name not in lists:
                error(_("فهرست گزینه «%(l)s» در برگه choices نیست.") % {"l": list_name})
                continue
            options = lists[list_name]
            if question_type == QuestionType.SINGLE:
                scale = _likert_scale(list_name, options)
                if scale is not None:
                    question_type, likert_scale, options = QuestionType.LIKERT, scale, []
                elif sorted(v for v, _l in options) == ["no", "yes"]:
                    question_type, options = QuestionType.YES_NO, []
        if question_type == QuestionType.TEXT and "multiline" in appearance:
            question_type = QuestionType.LONG_TEXT

        required_text = col(row, "required").lower()
        if required_text in TRUE_WORDS:
            required = True
        elif required_text in FALSE_WORDS:
            required = False
        else:
            error(
                _("مقدار required «%(v)s» پشتیبانی نمی‌شود؛ yes یا خالی بنویسید.")
                % {"v": required_text}
            )
            required = False

        question = QuestionSpec(
            name=name,
            label=label,
            type=question_type,
            hint=row.get(hint_column, "").strip() if hint_column else "",
            required=required,
            likert_scale=likert_scale,
            topic_code=col(row, TOPIC_COLUMN),
            choices=[ChoiceSpec(v, lbl) for v, lbl in options],
        )
        constraint = col(row, "constraint")
        if constraint:
            bounds = None
            if question_type in (*NUMERIC_TYPES, QuestionType.MULTIPLE):
                bounds = parse_constraint(constraint, question_type)
            if bounds is None:
                error(
                    _(
                        "قید «%(c)s» پشتیبانی نمی‌شود؛ فقط کمینه و بیشینه (مانند «. >= 1 and . <= 10») پذیرفته است."
                    )
                    % {"c": constraint}
                )
            else:
                question.min_value, question.max_value = bounds
        relevant = col(row, "relevant")
        if relevant:
            condition = parse_relevant(relevant)
            if condition is None:
                error(
                    _(
                        "عبارت شرط «%(e)s» پشتیبانی نمی‌شود؛ فقط شرط ساده روی یک پرسش پیشین (مانند ${a} = 'yes' یا selected(${a}, 'x'))."
                    )
                    % {"e": relevant}
                )
            else:
                question.condition = condition
        for column in ("choice_filter", "calculation", "repeat_count"):
            if col(row, column):
                error(_("ستون %(c)s پشتیبانی نمی‌شود.") % {"c": column})
        if col(row, "default"):
            notices.append(
                _("ردیف %(row)s: مقدار پیش‌فرض «%(v)s» وارد نشد.")
                % {"row": persian_digits(number), "v": col(row, "default")}
            )
        for message in question_errors(question, seen):
            error(message)
        if question.name and NAME_RE.match(question.name) and question.name not in seen:
            seen[question.name] = question
        section_for_question().questions.append(question)

    if group_stack:
        errors.append(
            XLSFormError("survey", None, _("گروهی با «begin group» آغاز شده و بسته نشده است."))
        )
    sections = [s for s in sections if s.questions or s.description]
    if not any(s.questions for s in sections) and not errors:
        errors.append(XLSFormError("survey", None, _("پرسشنامه هیچ پرسشی ندارد.")))
    if errors:
        raise XLSFormInvalid(errors)
    spec.sections = sections
    return ImportResult(spec=spec, notices=notices)


def _question_type(type_text: str) -> tuple[str | None, str | None]:
    parts = type_text.split()
    head = parts[0].lower()
    if (
        head in ("select", "select1")
        and len(parts) >= 3
        and parts[1].lower() in ("one", "multiple")
    ):
        head = f"select_{parts[1].lower()}"
        parts = [head, *parts[2:]]
    if head in ("select_one", "select_multiple"):
        if len(parts) != 2:
            return None, None  # or_other, from_file and the like
        return (QuestionType.SINGLE if head == "select_one" else QuestionType.MULTIPLE), parts[1]
    simple = {
        "text": QuestionType.TEXT,
        "string": QuestionType.TEXT,
        "integer": QuestionType.INTEGER,
        "int": QuestionType.INTEGER,
        "decimal": QuestionType.DECIMAL,
        "date": QuestionType.DATE,
    }
    if len(parts) == 1 and head in simple:
        return simple[head], None
    return None, None
