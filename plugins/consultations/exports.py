"""Exports: the public open data (aggregated results, CSV and JSON) and the editors' export
of every response (CSV and XLSX, no personal data: reference numbers only)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from plugins.consultations.models import Answer, Response
from plugins.consultations.questions import TEXT_KINDS
from plugins.consultations.results import results_for

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A spreadsheet shows text, never runs it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def open_data(page):
    """The aggregated results as a JSON-ready dict."""
    results = results_for(page)
    return {
        "consultation": page.title,
        "consultation_key": str(page.consultation_key),
        "language": page.locale.language_code,
        "opens_at": page.opens_at.isoformat(),
        "closes_at": page.closes_at.isoformat(),
        "status": str(page.status()),
        "responses": results.responses,
        "licence": "CC BY 4.0",
        "questions": [
            {
                "key": result.question.key,
                "number": result.question.number,
                "kind": result.question.kind,
                "question": result.question.label,
                "respondents": result.respondents,
                "average": result.average,
                "choices": [
                    {
                        "key": choice.key,
                        "label": choice.label,
                        "count": choice.count,
                        "percent": choice.percent,
                    }
                    for choice in result.choices
                ],
            }
            for result in results.questions
        ],
    }


def open_data_csv(page):
    data = open_data(page)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "question_key",
            "question",
            "kind",
            "respondents",
            "choice_key",
            "choice",
            "count",
            "percent",
        ]
    )
    for question in data["questions"]:
        rows = question["choices"] or [{"key": "", "label": "", "count": "", "percent": ""}]
        for choice in rows:
            writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        question["key"],
                        question["question"],
                        question["kind"],
                        question["respondents"],
                        choice["key"],
                        choice["label"],
                        choice["count"],
                        choice["percent"],
                    )
                ]
            )
    return buffer.getvalue()


def response_table(page):
    """(header, rows) of every response: one row each, one column per question."""
    questions = page.question_list
    header = [_("Reference number"), _("Language"), _("Submitted"), _("Last changed")]
    header += [f"{question.number}. {question.label}" for question in questions]
    responses = Response.objects.filter(consultation_key=page.consultation_key).order_by("pk")
    answers = {}
    for response_id, question_key, choice_key, text in (
        Answer.objects.filter(consultation_key=page.consultation_key)
        .order_by("pk")
        .values_list("response_id", "question_key", "choice_key", "text")
        .iterator(chunk_size=5000)
    ):
        answers.setdefault(response_id, {}).setdefault(question_key, []).append((choice_key, text))
    tz = timezone.get_current_timezone()
    rows = []
    for response in responses.iterator(chunk_size=5000):
        given = answers.get(response.pk, {})
        row = [
            response.reference,
            response.language,
            response.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            response.updated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        ]
        for question in questions:
            values = given.get(question.key, [])
            if question.kind in TEXT_KINDS:
                row.append(values[0][1] if values else "")
            else:
                row.append("; ".join(question.choice_label(c) or c for c, _t in values))
        rows.append([safe_cell(value) for value in row])
    return header, rows


def responses_csv(page):
    header, rows = response_table(page)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def responses_xlsx(page):
    from openpyxl import Workbook

    header, rows = response_table(page)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
