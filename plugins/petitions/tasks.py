"""Mail about a petition's change, sent in the background in the petition's language and
the site's time zone. Each recipient's mail is sent on its own, so one bad address does not
hold back the others; with the database queue the mail backend queues each mail again."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from cms.core.mail import sender
from cms.core.sites import profile_for_page

logger = logging.getLogger(__name__)


def _absolute_url(petition):
    base = petition.index.get_full_url() or ""
    return f"{base}{petition.pk}/"


@task()
def send_event_mails(event_id):
    from plugins.petitions.models import PetitionEvent, site_zone
    from plugins.petitions.notifications import recipients

    event = (
        PetitionEvent.objects.select_related("petition__index", "petition__author")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    petition = event.petition
    language = petition.language or petition.index.locale.language_code
    profile = profile_for_page(petition.index)
    sent = 0
    with translation.override(language), timezone.override(site_zone(petition.index)):
        context = {
            "petition": petition,
            "event": event,
            "url": _absolute_url(petition),
            "municipality": profile.name(language),
        }
        from_address = sender(profile, language)
        for user, role in recipients(event):
            context.update(role=role, user=user)
            subject = render_to_string("petitions/email/change_subject.txt", context)
            body = render_to_string("petitions/email/change_message.txt", context)
            try:
                send_mail(" ".join(subject.split()), body, from_address, [user.email])
            except Exception:
                logger.exception("petition %s: mail about %s not sent", petition.pk, event.status)
                continue
            sent += 1
    return sent
