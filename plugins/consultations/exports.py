"""Exports: the public open data (aggregated results, CSV and JSON) and the editors' export
of every response (CSV and XLSX, no personal data: reference numbers only)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.spreadsheets import csv_text, xlsx_bytes
from plugins.consultations.models.responses import Answer, Response
from plugins.consultations.questions import TEXT_KINDS
from plugins.consultations.results import results_for


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
    header = ["question_key", "question", "kind", "respondents"]
    header += ["choice_key", "choice", "count", "percent"]
    rows = [header]
    for question in data["questions"]:
        choices = question["choices"] or [{"key": "", "label": "", "count": "", "percent": ""}]
        for choice in choices:
            rows.append(
                [
                    question["key"],
                    question["question"],
                    question["kind"],
                    question["respondents"],
                    choice["key"],
                    choice["label"],
                    choice["count"],
                    choice["percent"],
                ]
            )
    return csv_text(rows, bom=False)


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
        rows.append(row)
    return header, rows


def responses_csv(page):
    header, rows = response_table(page)
    return csv_text([header, *rows])


def responses_xlsx(page):
    header, rows = response_table(page)
    return xlsx_bytes([header, *rows], sheet_title=_("Responses"))
