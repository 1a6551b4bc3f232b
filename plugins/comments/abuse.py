"""Limits against floods and spam, counted in the shared cache (cms.core's throttles: client
addresses are kept as keyed hashes for a minute or an hour, never beside a comment)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.clientip import client_network
from cms.core.throttle import ContributionLimits, Throttle, repeats_recent_text
from plugins.comments import conf

MINUTE = 60
HOUR = 60 * MINUTE

LIMITS = ContributionLimits(
    citizen=Throttle("comments-user", conf.PER_MINUTE, MINUTE),
    client=Throttle("comments-client", conf.PER_MINUTE_PER_ADDRESS, MINUTE),
    new_account=Throttle("comments-new", conf.NEW_ACCOUNT_PER_HOUR, HOUR),
    new_account_hours=conf.NEW_ACCOUNT_HOURS,
)


def rate_limit_error(request, user):
    """A message when this citizen or this address has posted too much lately, else None.
    Checking does not count: call `record_post` once a comment is saved."""
    used_up = LIMITS.exceeded(user, client_network(request))
    if used_up & {"citizen", "client"}:
        return ngettext(
            "You can post at most %(count)d comment a minute. Please wait a moment.",
            "You can post at most %(count)d comments a minute. Please wait a moment.",
            conf.PER_MINUTE(),
        ) % {"count": conf.PER_MINUTE()}
    if "new_account" in used_up:
        return ngettext(
            "New accounts can post at most %(count)d comment an hour.",
            "New accounts can post at most %(count)d comments an hour.",
            conf.NEW_ACCOUNT_PER_HOUR(),
        ) % {"count": conf.NEW_ACCOUNT_PER_HOUR()}
    return None


def record_post(request, user):
    LIMITS.record(user, client_network(request))


def duplicate_error(user, text, exclude_pk=None):
    from plugins.comments.models import Comment

    within = timezone.timedelta(hours=conf.DUPLICATE_HOURS())
    if repeats_recent_text(Comment.objects, user, text, within, exclude_pk=exclude_pk or None):
        return _("You have already posted this text. Please write something new.")
    return None
