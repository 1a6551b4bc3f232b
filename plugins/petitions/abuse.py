"""Limits against floods and spam on petitions, counted in the shared cache (cms.core's
Throttle: subjects are kept as keyed hashes, never in clear).

Settings (`PETITIONS_<NAME>`): STARTS_PER_DAY petitions one citizen may start a day,
NEW_ACCOUNT_STARTS_PER_DAY for an account younger than NEW_ACCOUNT_HOURS, STARTS_PER_CLIENT
an hour from one client address, SIGNATURES_PER_CLIENT an hour from one client address (a
whole office behind one address shares it), MAX_LINKS in a petition's text and request,
DUPLICATE_DAYS during which a citizen cannot start the same text again.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.throttle import ContributionLimits, Throttle, repeats_recent_text, too_many_links

HOUR = 60 * 60
DAY = 24 * HOUR


def setting(name, default):
    return lambda: getattr(settings, f"PETITIONS_{name}", default)


STARTS_PER_DAY = setting("STARTS_PER_DAY", 3)
NEW_ACCOUNT_STARTS_PER_DAY = setting("NEW_ACCOUNT_STARTS_PER_DAY", 1)
NEW_ACCOUNT_HOURS = setting("NEW_ACCOUNT_HOURS", 24)
MAX_LINKS = setting("MAX_LINKS", 5)
DUPLICATE_DAYS = setting("DUPLICATE_DAYS", 30)

STARTS = ContributionLimits(
    citizen=Throttle("petitions-start-user", STARTS_PER_DAY, DAY),
    client=Throttle("petitions-start-client", setting("STARTS_PER_CLIENT", 10), HOUR),
    new_account=Throttle("petitions-start-new", NEW_ACCOUNT_STARTS_PER_DAY, DAY),
    new_account_hours=NEW_ACCOUNT_HOURS,
)
SIGNATURES_BY_CLIENT = Throttle(
    "petitions-sign-client", setting("SIGNATURES_PER_CLIENT", 300), HOUR
)


def start_limit_error(user, client):
    """Why `user` (from `client`) may not start another petition now, else None. Checking
    does not count: call `record_start` once a petition is stored."""
    used_up = STARTS.exceeded(user, client)
    if "client" in used_up:
        return _(
            "Many petitions have been started from your connection in the last hour. "
            "Please try again in an hour."
        )
    if "new_account" in used_up:
        limit = NEW_ACCOUNT_STARTS_PER_DAY()
        return ngettext(
            "A new account can start at most %(count)d petition a day.",
            "A new account can start at most %(count)d petitions a day.",
            limit,
        ) % {"count": limit}
    if "citizen" in used_up:
        limit = STARTS_PER_DAY()
        return ngettext(
            "You can start at most %(count)d petition a day. Please try again tomorrow.",
            "You can start at most %(count)d petitions a day. Please try again tomorrow.",
            limit,
        ) % {"count": limit}
    return None


def record_start(user, client):
    STARTS.record(user, client)


def links_error(*texts):
    limit = MAX_LINKS()
    links = too_many_links(limit, *texts)
    if links:
        return ngettext(
            "A petition may contain at most %(max)d link (this one has %(count)d).",
            "A petition may contain at most %(max)d links (this one has %(count)d).",
            limit,
        ) % {"max": limit, "count": links}
    return None


def duplicate_error(user, text):
    from plugins.petitions.models import Petition

    within = timezone.timedelta(days=DUPLICATE_DAYS())
    if repeats_recent_text(Petition.objects, user, text, within):
        return _("You have already started a petition with this text.")
    return None


def sign_limit_error(client):
    """Why no more signatures are taken from `client` now (counts one when allowed)."""
    if not SIGNATURES_BY_CLIENT.consume(client):
        return _(
            "Many petitions have been signed from your connection in the last hour. "
            "Please try again later."
        )
    return None
