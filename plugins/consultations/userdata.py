"""The consultations' part of "download my data" and "delete my account"."""

from plugins.consultations.models import Answer, PendingResponse, Response
from plugins.consultations.receipts import receipt_rows
from plugins.consultations.services import email_hash


def _responses(user):
    owned = Response.objects.filter(user=user)
    if user.email:
        owned = owned | Response.objects.filter(email_hash=email_hash(user.email))
    return owned.select_related("page").order_by("created_at")


def _pending(user):
    """Answers waiting for the confirmation of the citizen's mailbox (however spelled)."""
    if not user.email:
        return PendingResponse.objects.none()
    return PendingResponse.objects.filter(email_hash=email_hash(user.email)).select_related("page")


def export_responses(user):
    found = []
    for response in _responses(user):
        page = response.page.specific if response.page else None
        found.append(
            {
                "reference": response.reference,
                "consultation": page.title if page else "",
                "consultation_url": page.full_url if page else "",
                "language": response.language,
                "submitted": response.created_at,
                "last_changed": response.updated_at,
                "answers": [
                    {"question": question, "answer": answer}
                    for question, answer in (receipt_rows(page, response) if page else [])
                ],
            }
        )
    pending = _pending(user)
    return {
        "responses": found,
        "waiting_for_confirmation": [
            {"consultation": item.page.title, "sent": item.created_at} for item in pending
        ],
    }


def erase_responses(user, remove_content):
    """Answers keep counting, no longer linked to the citizen; with `remove_content` the
    texts they wrote are removed too (their choices still count)."""
    responses = _responses(user)
    ids = list(responses.values_list("pk", flat=True))
    if remove_content:
        Answer.objects.filter(response_id__in=ids, choice_key="").update(text="", withheld=True)
    Response.objects.filter(pk__in=ids).update(user=None, email_hash="")
    if user.email:
        _pending(user).delete()
