"""Mail sent in the background (django-tasks) after a response is safely stored."""

import logging
import zoneinfo

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page

from cms.core.mail import sender
from cms.core.sites import profile_for_page
from plugins.consultations.models import PendingResponse, Response

logger = logging.getLogger(__name__)


def _mail(template, context, recipient):
    subject = render_to_string(f"consultations/email/{template}_subject.txt", context)
    body = render_to_string(f"consultations/email/{template}_message.txt", context)
    send_mail(" ".join(subject.split()), body, context["sender"], [recipient])


def _context(page, language):
    profile = profile_for_page(page)
    return {
        "page": page,
        "municipality": profile.name(language),
        "sender": sender(profile, language),
    }


def _site_time_zone(page):
    return zoneinfo.ZoneInfo(profile_for_page(page).time_zone)


@task()
def send_receipt(response_id, recipient, language, base_url):
    from plugins.consultations.receipts import receipt_path, receipt_rows

    response = Response.objects.filter(pk=response_id).select_related("page").first()
    if response is None or response.page is None:
        return False
    page = response.page.specific
    with translation.override(language), timezone.override(_site_time_zone(page)):
        context = {
            **_context(page, language),
            "response": response,
            "rows": receipt_rows(page, response),
            "receipt_url": base_url.rstrip("/") + receipt_path(response, language),
        }
        try:
            _mail("receipt", context, recipient)
        except Exception:
            logger.exception("consultation receipt %s not sent", response.reference)
            return False
    return True


@task()
def send_confirmation(pending_id, language, base_url):
    pending = PendingResponse.objects.filter(pk=pending_id).first()
    if pending is None:
        return False
    page = Page.objects.get(pk=pending.page_id).specific
    with translation.override(language), timezone.override(_site_time_zone(page)):
        path = reverse("consultations_confirm", args=[pending.token])
        context = {**_context(page, language), "confirm_url": base_url.rstrip("/") + path}
        try:
            _mail("confirm", context, pending.email)
        except Exception:
            logger.exception("consultation confirmation %s not sent", pending.pk)
            return False
    return True
