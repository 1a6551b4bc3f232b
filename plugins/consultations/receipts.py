"""What a respondent answered, as shown on their receipt (screen and email)."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from plugins.consultations.models import Response

SALT = "consultations.receipt"


def receipt_token(response):
    return signing.dumps(response.reference, salt=SALT, compress=True)


def response_for_token(token):
    try:
        reference = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Response.objects.filter(reference=reference).select_related("page").first()


def receipt_path(response, language):
    with translation.override(language):
        return reverse("consultations_receipt", args=[receipt_token(response)])


def receipt_rows(page, response):
    """[(question label, answer)] in the page's language, in the order of the questions."""
    answers = response.answers.order_by("pk").values_list("question_key", "choice_key", "text")
    return answer_rows(page, answers)


def answer_rows(page, answers):
    """Like `receipt_rows`, for answers [(question key, choice key, text)] not yet counted."""
    by_question = {}
    for question_key, choice_key, text in answers:
        by_question.setdefault(question_key, []).append((choice_key, text))
    rows = []
    for question in page.question_list:
        given = by_question.get(question.key)
        if not given:
            continue
        if question.is_text:
            answer = given[0][1]
        else:
            answer = "; ".join(question.choice_label(choice) or choice for choice, _text in given)
        rows.append((question.label, answer))
    return rows
