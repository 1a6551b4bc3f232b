"""Limits on anonymous answers: no one can flood an address (or the city's mail server)
with confirmation mails, and one mailbox counts once however its address is spelled.

Settings (`CONSULTATIONS_<NAME>`): MAILS_PER_ADDRESS confirmation mails to one mailbox an
hour (all consultations together), MAILS_PER_CLIENT confirmation mails asked for from one
client address an hour (a whole office or library behind one address shares it).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.core.throttle import Throttle

HOUR = 60 * 60

#: Providers that deliver `first.last@` and `firstlast@` to the same mailbox (and say so).
DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def _setting(name, default):
    return lambda: getattr(settings, f"CONSULTATIONS_{name}", default)


MAILS_PER_ADDRESS = Throttle("consultations-mail-address", _setting("MAILS_PER_ADDRESS", 3), HOUR)
MAILS_PER_CLIENT = Throttle("consultations-mail-client", _setting("MAILS_PER_CLIENT", 20), HOUR)

TOO_MANY_FOR_ADDRESS = _(
    "We have sent several confirmation emails to this address in the last hour. Please "
    "use the link in one of them, or answer again in an hour."
)
TOO_MANY_FROM_CLIENT = _(
    "Many answers have been sent from your connection in the last hour. Please try again "
    "in an hour."
)


class MailRefused(Exception):
    """No confirmation mail may be sent now, and there is no earlier link to fall back on."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def mailbox(email):
    """The mailbox `email` delivers to: lower-case, without a `+tag`, and without the dots
    that the provider ignores. Two spellings of one mailbox give the same result."""
    address = (email or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    domain = domain.rstrip(".")
    local = local.split("+", 1)[0] or local
    if domain in DOTS_IGNORED:
        local, domain = local.replace(".", "") or local, DOTS_IGNORED[domain]
    return f"{local}@{domain}"


def take_mail(client, address):
    """Count a confirmation mail to `address` asked for by `client`; the refusal message
    when one of the limits is used up (then nothing is counted for the client)."""
    if MAILS_PER_CLIENT.exceeded(client):
        return TOO_MANY_FROM_CLIENT
    if not MAILS_PER_ADDRESS.consume(mailbox(address)):
        return TOO_MANY_FOR_ADDRESS
    MAILS_PER_CLIENT.hit(client)
    return None
