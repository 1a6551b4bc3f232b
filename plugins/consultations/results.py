"""Aggregated results of a consultation, counted in the database.

Answers are grouped by question and choice keys, which every language version shares, so
the counts are the same whatever language the results are read in; only labels differ.
A fixed number of queries whatever the number of responses.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Avg, Case, Count, F, FloatField, IntegerField, Value, When, Window
from django.db.models.functions import Cast, Round, RowNumber

from plugins.consultations.models.responses import Answer, Response
from plugins.consultations.questions import SCALE

PUBLISHED_TEXTS_SHOWN = 30
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_NUMBER = re.compile(r"\+?\d[\d\s().-]{7,}\d")
REDACTED = "[…]"


def redact(text):
    """A published answer without the email addresses and phone numbers written in it."""
    return PHONE_NUMBER.sub(REDACTED, EMAIL_ADDRESS.sub(REDACTED, text))


@dataclass
class ChoiceResult:
    key: str
    label: str
    count: int = 0
    percent: float = 0.0


@dataclass
class QuestionResult:
    question: object
    respondents: int = 0
    choices: list = field(default_factory=list)
    average: float | None = None
    texts: list = field(default_factory=list)

    @property
    def chart_height(self):
        return 36 * len(self.choices) + 4


@dataclass
class Results:
    responses: int
    questions: list


def _respondents_per_question(key):
    return (
        Answer.objects.filter(consultation_key=key)
        .order_by()
        .values("question_key")
        .annotate(respondents=Count("response_id", distinct=True))
    )


def choice_rows(key, respondents):
    """[{question_key, choice_key, count, percent}]: percent of the question's respondents
    (`respondents`: {question key: number of respondents}, from the database too)."""
    if not respondents:
        return []
    denominator = Case(
        *(When(question_key=question, then=Value(float(n))) for question, n in respondents.items()),
        default=Value(None),
        output_field=FloatField(),
    )
    return list(
        Answer.objects.filter(consultation_key=key)
        .exclude(choice_key="")
        .order_by()
        .values("question_key", "choice_key")
        .annotate(count=Count("id"))
        .annotate(percent=Round(Cast(F("count"), FloatField()) * 100.0 / denominator, precision=1))
        .values("question_key", "choice_key", "count", "percent")
    )


def _averages(key, scale_keys):
    if not scale_keys:
        return {}
    rows = (
        Answer.objects.filter(consultation_key=key, question_key__in=scale_keys)
        .exclude(choice_key="")
        .order_by()
        .values("question_key")
        .annotate(average=Round(Avg(Cast("choice_key", IntegerField())), precision=2))
    )
    return {row["question_key"]: row["average"] for row in rows}


def _published_texts(key, question_keys, limit):
    if not question_keys:
        return {}
    ranked = (
        Answer.objects.filter(
            consultation_key=key, question_key__in=question_keys, choice_key="", withheld=False
        )
        .exclude(text="")
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("question_key")], order_by=F("pk").asc())
        )
        .filter(rank__lte=limit)
        .values_list("question_key", "pk", "text")
    )
    found = {}
    for question_key, pk, text in ranked:
        found.setdefault(question_key, []).append((pk, redact(text)))
    return found


def results_for(page, texts_limit=PUBLISHED_TEXTS_SHOWN):
    key = page.consultation_key
    questions = page.question_list
    responses = Response.objects.filter(consultation_key=key).count()
    respondents = {
        row["question_key"]: row["respondents"] for row in _respondents_per_question(key)
    }
    counts = {
        (row["question_key"], row["choice_key"]): row for row in choice_rows(key, respondents)
    }
    averages = _averages(key, [q.key for q in questions if q.kind == SCALE])
    published = [q.key for q in questions if q.is_text and q.publish_answers]
    texts = _published_texts(key, published, texts_limit) if texts_limit else {}
    found = []
    for question in questions:
        result = QuestionResult(question, respondents=respondents.get(question.key, 0))
        for choice in question.choices:
            row = counts.get((question.key, choice.key), {})
            result.choices.append(
                ChoiceResult(
                    choice.key, choice.label, row.get("count", 0), row.get("percent") or 0.0
                )
            )
        result.average = averages.get(question.key)
        result.texts = texts.get(question.key, [])
        found.append(result)
    return Results(responses=responses, questions=found)
