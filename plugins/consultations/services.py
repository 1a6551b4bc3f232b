"""Saving responses: one per citizen or confirmed address, whatever arrives at the same time.

The response row is locked (`select_for_update`) and its answers replaced inside one
transaction; the unique constraints make a second, concurrent first answer find the first
one instead of adding another. Mail is sent after the commit, in the background.
"""

import hashlib
import hmac
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from plugins.consultations.abuse import MailRefused, mailbox, take_mail
from plugins.consultations.models import Answer, PendingResponse, Response
from plugins.consultations.models.responses import new_reference

PENDING_DAYS = 7


class ConsultationClosed(Exception):
    """The consultation is not open (any more, or not yet)."""


def email_hash(email):
    """Whose answers these are: one mailbox however its address is spelled."""
    return hmac.new(
        settings.SECRET_KEY.encode(), mailbox(email).encode(), hashlib.sha256
    ).hexdigest()


def _locked_response(page, identity, extra):
    """The respondent's response, locked, created when missing (unique per identity)."""
    lookup = {"consultation_key": page.consultation_key, **identity}
    locked = Response.objects.select_for_update()
    for _attempt in range(5):
        response = locked.filter(**lookup).first()
        if response is not None:
            return response, False
        try:
            with transaction.atomic():
                return (
                    Response.objects.create(
                        **lookup,
                        **extra,
                        page=page,
                        reference=new_reference(),
                        language=page.locale.language_code,
                    ),
                    True,
                )
        except IntegrityError:
            continue
    raise IntegrityError("could not store the response")


def save_response(page, answers, *, user=None, email=None, base_url=""):
    """Store `answers` [(question key, choice key, text)] as the respondent's response,
    replacing earlier answers; refused once the consultation is not open. With `email` the
    address is the identity (and `user`, when signed in, is recorded beside it)."""
    if email:
        identity, extra = {"email_hash": email_hash(email)}, {"user": user}
    else:
        identity, extra = {"user": user}, {}
    with transaction.atomic():
        if not page.is_open():
            raise ConsultationClosed
        response, created = _locked_response(page, identity, extra)
        if not created:
            response.answers.all().delete()
            response.page = page
            response.language = page.locale.language_code
            if user is not None:
                response.user = user
            response.save(update_fields=["page", "language", "user", "updated_at"])
        Answer.objects.bulk_create(
            Answer(
                response=response,
                consultation_key=page.consultation_key,
                question_key=question_key,
                choice_key=choice_key,
                text=text,
            )
            for question_key, choice_key, text in answers
        )
        recipient = email or (user.email if user is not None else "")
        if recipient:
            transaction.on_commit(
                partial(_send_receipt, response.pk, recipient, page.locale.language_code, base_url)
            )
    return response, created


def stored_answers(response):
    return list(response.answers.order_by("pk").values_list("question_key", "choice_key", "text"))


def _locked_pending(page, digest):
    locked = PendingResponse.objects.select_for_update()
    return locked.filter(consultation_key=page.consultation_key, email_hash=digest).first()


def store_pending(page, answers, email, *, client, base_url=""):
    """Keep the answers of someone not signed in until they confirm their address: one
    pending response per mailbox and consultation, the newest answers replacing earlier
    ones (the link already sent confirms them). A confirmation mail goes out within the
    limits of `abuse`; when none may, new answers are refused (`MailRefused`) and replaced
    ones rely on the earlier link. Answers whose link has expired are erased (they were
    never counted). Returns (pending, whether a mail is sent)."""
    digest = email_hash(email)
    fields = {
        "page": page,
        "email": email,
        "answers": [list(answer) for answer in answers],
        "language": page.locale.language_code,
    }
    with transaction.atomic():
        PendingResponse.objects.filter(created_at__lt=_pending_cutoff()).delete()
        pending = _locked_pending(page, digest)
        created = pending is None
        if created:
            try:
                with transaction.atomic():
                    pending = PendingResponse.objects.create(
                        consultation_key=page.consultation_key, email_hash=digest, **fields
                    )
            except IntegrityError:  # the same mailbox, at the same moment
                pending, created = _locked_pending(page, digest), False
                if pending is None:
                    raise
        refusal = take_mail(client, email)
        if refusal and created:
            raise MailRefused(refusal)
        if not created:
            for name, value in fields.items():
                setattr(pending, name, value)
            pending.created_at = timezone.now()
            pending.save(update_fields=[*fields, "created_at"])
        if not refusal:
            transaction.on_commit(
                partial(_send_confirmation, pending.pk, page.locale.language_code, base_url)
            )
    return pending, not refusal


def _pending_cutoff():
    return timezone.now() - timedelta(days=PENDING_DAYS)


def pending_for_token(token):
    return (
        PendingResponse.objects.filter(token=token, created_at__gte=_pending_cutoff())
        .select_related("page")
        .first()
    )


def confirm_pending(pending, base_url=""):
    """Count the pending answers (replacing an earlier response of the same address)."""
    page = pending.page.specific
    with transaction.atomic():
        locked = PendingResponse.objects.select_for_update().filter(pk=pending.pk).first()
        if locked is None:
            return None
        response, _created = save_response(
            page,
            [tuple(answer) for answer in locked.answers],
            email=locked.email,
            base_url=base_url,
        )
        locked.delete()
    return response


def _send_receipt(response_id, recipient, language, base_url):
    from plugins.consultations.tasks import send_receipt

    send_receipt.enqueue(response_id, recipient, language, base_url)


def _send_confirmation(pending_id, language, base_url):
    from plugins.consultations.tasks import send_confirmation

    send_confirmation.enqueue(pending_id, language, base_url)
