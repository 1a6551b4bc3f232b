"""The core's one answer to "who is this citizen, as far as this site knows": the levels of
trust an account holds on a site. Comments, consultations, petitions and the rest ask here;
what else an app lets staff do is the app's own rule.

Levels (weakest first):

- `VERIFIED` ("verified"): a signed-in, active account with at least one email address it has
  confirmed (django-allauth's `EmailAddress.verified`). Holds on every site.
- `RESIDENT` ("resident"): residency in *that* municipality, confirmed by the municipality
  (its census, or its staff at the service centre). A resident of Ternopil is not a resident
  of Levski.
- `IDENTITY` ("identity"): the person behind the account was checked (census or staff),
  stronger than an email address. Also per site: each municipality checks for itself.

`RESIDENT` and `IDENTITY` are rows of `cms.accounts.models.VerificationGrant` (who granted
them, how, when, until when; revocable); each also needs `VERIFIED`. An app asks

    from cms.core import citizens
    citizens.holds(user, site, citizens.RESIDENT)              # one level
    citizens.missing(user, site, citizens.required("identity", residents_only=True))

and, when something is missing, sends the citizen to `citizens.how_to_get_url(level)`: the
section of their account page that says how to get it on that site.
"""

from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

VERIFIED = "verified"
RESIDENT = "resident"
IDENTITY = "identity"
#: Every level, weakest first.
LEVELS = (VERIFIED, RESIDENT, IDENTITY)
#: The levels held as grant rows per site (the email address is its own proof).
GRANTED = (RESIDENT, IDENTITY)


def is_verified_citizen(user):
    """Whether `user` (any user, anonymous too) is signed in, active and has confirmed an
    email address."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def verified_citizen(request):
    """The signed-in user of `request` when a verified citizen, else None."""
    user = getattr(request, "user", None)
    return user if is_verified_citizen(user) else None


def levels_held(user, site, now=None):
    """The levels `user` holds on `site` now (a frozenset; empty for anyone who is not a
    verified citizen; a confirmed email address counts on every site, and outside any site
    it is all there is). Two queries."""
    if not is_verified_citizen(user):
        return frozenset()
    if site is None:
        return frozenset({VERIFIED})
    from cms.accounts.models import VerificationGrant

    granted = (
        VerificationGrant.objects.live(now or timezone.now())
        .filter(user=user, site=site)
        .values_list("level", flat=True)
    )
    return frozenset({VERIFIED, *granted})


def holds(user, site, level, now=None):
    """Whether `user` holds `level` (one of LEVELS) on `site` now."""
    if level not in LEVELS:
        raise ValueError(f"Unknown citizen level {level!r}; expected one of {LEVELS}.")
    return level in levels_held(user, site, now)


def required(identity=VERIFIED, residents_only=False):
    """The levels an action needs from a rule as site profiles write it: `identity` is
    "verified", "resident" or "identity" (an unknown value needs the strongest, so a typo
    never opens a door); `residents_only` adds residency."""
    level = identity if identity in LEVELS else IDENTITY
    needed = {VERIFIED, level}
    if residents_only:
        needed.add(RESIDENT)
    return tuple(level for level in LEVELS if level in needed)


def missing(user, site, levels, now=None):
    """The levels of `levels` that `user` does not hold on `site` (weakest first)."""
    held = levels_held(user, site, now)
    return tuple(level for level in LEVELS if level in levels and level not in held)


def level_label(level):
    """The translated name of `level` ("resident of the municipality")."""
    from cms.accounts.models import VerificationLevel

    return VerificationLevel(level).label


def how_to_get_url(level=None):
    """The section of the account page (in the active language) that shows what the citizen
    holds on this site and how to get `level`."""
    if level == VERIFIED:
        return reverse("account_email")
    return reverse("accounts:home") + "#verification"
