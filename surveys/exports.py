"""XLSX exports of a campaign: raw responses (one row per response) and the per-question
summaries. Callers pass responses already scoped with `for_user`; rows are read in
chunks (two queries per chunk), so a national campaign does not load at once."""

from __future__ import annotations

import io
from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.jalali import format_date, format_datetime
from surveys.models import NUMERIC_TYPES, VALUE_TYPES, Answer, Campaign, QuestionType
from surveys.selectors import Results, version_questions

CHUNK = 2000


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def responses_workbook(campaign: Campaign, responses) -> bytes:
    """Every submitted response in scope: where and when, then one column per question
    (option labels for choice questions; several options joined with «، »)."""
    questions = version_questions(campaign.version)
    labels = {q.name: dict(q.option_pairs()) for q in questions}
    types = {q.name: q.type for q in questions}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("پاسخ‌ها"))
    sheet.sheet_view.rightToLeft = True
    sheet.append(
        [
            _("شناسه پاسخ"),
            _("دانشگاه"),
            _("شهرستان"),
            _("محله"),
            _("کانون"),
            _("تاریخ ثبت"),
            _("نسخه پرسشنامه"),
            *[q.label for q in questions],
        ]
    )
    ordered = responses.select_related(
        "club__neighborhood__county__university", "version"
    ).order_by("pk")
    last = 0
    while True:
        chunk = list(ordered.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            break
        last = chunk[-1].pk
        answers: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for row in Answer.objects.filter(response__in=[r.pk for r in chunk]).values(
            "response_id",
            "question__name",
            "choice_value",
            "text_value",
            "number_value",
            "date_value",
        ):
            answers[row["response_id"]][row["question__name"]].append(row)
        for response in chunk:
            county = response.club.neighborhood.county
            cells = [
                response.pk,
                county.university.name,
                county.name,
                response.club.neighborhood.name,
                response.club.name,
                format_date(response.submitted_on, digits="en"),
                response.version.number,
            ]
            for question in questions:
                rows = answers[response.pk].get(question.name, [])
                cells.append(_cell(types[question.name], labels[question.name], rows))
            sheet.append(cells)
    questions_sheet = workbook.create_sheet(_("پرسش‌ها"))
    questions_sheet.append([_("نام فنی"), _("متن پرسش"), _("نوع")])
    for question in questions:
        questions_sheet.append([question.name, question.label, question.get_type_display()])
    return _save(workbook)


def _cell(type_: str, labels: dict[str, str], rows: list[dict]):
    if not rows:
        return None
    if type_ in VALUE_TYPES:
        return "، ".join(labels.get(r["choice_value"], r["choice_value"]) for r in rows)
    row = rows[0]
    if type_ in NUMERIC_TYPES:
        value = row["number_value"]
        return int(value) if type_ == QuestionType.INTEGER else float(value)
    if type_ == QuestionType.DATE:
        return format_date(row["date_value"], digits="en")
    return row["text_value"]


def results_workbook(campaign: Campaign, results: Results, filters_label: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("خلاصه نتایج")
    sheet.sheet_view.rightToLeft = True
    sheet.append([_("پویش"), campaign.title])
    sheet.append([_("محدوده"), filters_label])
    sheet.append([_("پاسخ‌های ثبت‌شده"), results.responses])
    sheet.append([])
    sheet.append(
        [
            _("نام فنی"),
            _("پرسش"),
            _("پاسخ‌دهندگان"),
            _("گزینه / آماره"),
            _("تعداد"),
            _("درصد"),
            _("مقدار"),
        ]
    )
    header_row = sheet.max_row
    for summary in results.summaries():
        q = summary.question
        base = [q.name, q.label, summary.answered]
        if summary.kind == "options":
            for option in summary.options:
                share = round(option.share * 100, 1) if option.share is not None else None
                sheet.append([*base, option.label, option.count, share, None])
            if q.type == QuestionType.LIKERT and summary.mean is not None:
                sheet.append(
                    [*base, _("میانگین (۱ تا ۵)"), None, None, round(float(summary.mean), 2)]
                )
        elif summary.kind == "numeric":
            for label, value in (
                (_("میانگین"), summary.mean),
                (_("کمینه"), summary.minimum),
                (_("بیشینه"), summary.maximum),
            ):
                sheet.append(
                    [
                        *base,
                        label,
                        None,
                        None,
                        round(float(value), 2) if value is not None else None,
                    ]
                )
            for row in summary.distribution:
                share = round(row.share * 100, 1) if row.share is not None else None
                sheet.append([*base, row.label, row.count, share, None])
        elif summary.kind == "date":
            sheet.append(
                [*base, _("نخستین"), None, None, format_date(summary.earliest, digits="en")]
            )
            sheet.append([*base, _("واپسین"), None, None, format_date(summary.latest, digits="en")])
        else:
            sheet.append([*base, _("پاسخ متنی"), summary.answered, None, None])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    sheet.append([])
    sheet.append([_("تهیه‌شده در"), format_datetime(_now(), digits="en")])
    return _save(workbook)


def _now():
    from django.utils import timezone

    return timezone.now()
