"""Mail that survives a mail-server outage: the site's mails go into the task queue, and the
worker hands them to the SMTP server, trying again later (with growing pauses, for about
two days) while it cannot be reached. A request never waits for, or fails on, the mail
server; a mail the site said it sent is in the database until it is delivered."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Pauses before each new try, in minutes: then the mail is given up (and logged).
RETRY_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480, 720, 720, 720, 720]


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND for production with the database task queue: each message becomes a
    `deliver_mail` task; EMAIL_DELIVERY_BACKEND (SMTP) sends it from the worker."""

    def send_messages(self, email_messages):
        for message in email_messages:
            raw = message.message().as_bytes(linesep="\r\n")
            deliver_mail.enqueue(
                message.from_email,
                message.recipients(),
                base64.b64encode(raw).decode("ascii"),
                0,
            )
        return len(email_messages)


def _send_raw(from_email, recipients, raw):
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.open()
    try:
        connection.connection.sendmail(from_email, recipients, raw)
    finally:
        connection.close()


@task()
def deliver_mail(from_email, recipients, raw_b64, attempt):
    """Send one queued mail; while the mail server cannot take it, queue the next try."""
    try:
        _send_raw(from_email, recipients, base64.b64decode(raw_b64))
    except OSError as error:  # smtplib's errors are OSErrors, as are refused connections
        if attempt >= len(RETRY_MINUTES):
            logger.error("mail to %d recipient(s) given up after %d tries: %s",
                         len(recipients), attempt + 1, type(error).__name__)
            raise
        pause = timedelta(minutes=RETRY_MINUTES[attempt])
        deliver_mail.using(run_after=timezone.now() + pause).enqueue(
            from_email, recipients, raw_b64, attempt + 1
        )
        logger.warning("mail server unavailable (%s); next try in %s",
                       type(error).__name__, pause, exc_info=True)
        return "retry"
    return "sent"
