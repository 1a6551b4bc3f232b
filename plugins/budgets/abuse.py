"""Limits on what one account or one connection can do: proposals per account a day, and
guesses at voting codes per connection an hour (a code has 60 random bits; the limit keeps
a script from trying them at the speed of the server).

Settings: BUDGETS_PROPOSALS_PER_DAY, BUDGETS_CODE_TRIES_PER_HOUR."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.core.throttle import Throttle

HOUR = 60 * 60

PROPOSALS_PER_DAY = Throttle(
    "budgets-proposals",
    lambda: getattr(settings, "BUDGETS_PROPOSALS_PER_DAY", 10),
    24 * HOUR,
)
CODE_TRIES = Throttle(
    "budgets-code-tries",
    lambda: getattr(settings, "BUDGETS_CODE_TRIES_PER_HOUR", 30),
    HOUR,
)

TOO_MANY_PROPOSALS = _(
    "You have proposed many projects today. Please come back tomorrow. Nothing was saved."
)
TOO_MANY_CODE_TRIES = _(
    "Too many voting codes were tried from your connection. Please try again in an hour."
)
