"""Rate limits as counters in the shared cache (local memory, or Redis in production).

A window opens with the first counted event and closes `window` seconds later; counting
keeps its expiry. What a limit is counted by (a client's address, an email address, an
account) is keyed by a keyed hash, so no address is kept in the cache in clear. While Redis
is unreachable (its errors ignored, as configured) nothing is counted and nothing refused:
the site keeps answering.

Beside the counters, the checks every app that takes citizens' text shares (comments,
petitions...): `ContributionLimits` (per citizen, per connection, stricter for a new
account), `too_many_links` and `repeats_recent_text`. Each app words its own refusals.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class Throttle:
    """At most `limit` events per `window` seconds for each subject. `limit` may be a
    callable (read at each use, so settings overridden in tests apply)."""

    def __init__(self, name, limit, window):
        self.name = name
        self._limit = limit
        self.window = window

    @property
    def limit(self):
        return self._limit() if callable(self._limit) else self._limit

    def _key(self, subject):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), str(subject).encode(), hashlib.sha256
        ).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}"

    def count(self, subject):
        return cache.get(self._key(subject), 0)

    def exceeded(self, subject):
        """Whether `subject` has used up its events in the current window (does not count)."""
        return self.count(subject) >= self.limit

    def hit(self, subject):
        """Count one event of `subject`; the number counted in the window so far."""
        key = self._key(subject)
        cache.add(key, 0, self.window)
        try:
            counted = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
            return 1
        return counted or 0  # None: the cache is unreachable

    def consume(self, subject):
        """Count one event and say whether it was within the limit (for events that happen
        anyway once allowed, such as a mail: concurrent callers cannot both take the last one)."""
        return self.hit(subject) <= self.limit

    def reset(self, subject):
        cache.delete(self._key(subject))


class ContributionLimits:
    """The limits on posting for one kind of contribution: `citizen` counts by account,
    `client` by connection (`cms.core.clientip.client_network`), `new_account` by account
    while it is younger than `new_account_hours` (a callable giving hours)."""

    def __init__(self, *, citizen, client, new_account, new_account_hours):
        self.citizen = citizen
        self.client = client
        self.new_account = new_account
        self.new_account_hours = new_account_hours

    def is_new(self, user):
        return timezone.now() - user.date_joined < timezone.timedelta(
            hours=self.new_account_hours()
        )

    def exceeded(self, user, client):
        """The names of the limits `user` from `client` has used up ("client", "new_account",
        "citizen"); empty when another contribution is allowed. Checking does not count."""
        used_up = set()
        if self.client.exceeded(client):
            used_up.add("client")
        if self.is_new(user) and self.new_account.exceeded(user.pk):
            used_up.add("new_account")
        if self.citizen.exceeded(user.pk):
            used_up.add("citizen")
        return used_up

    def record(self, user, client):
        """Count one contribution of `user` from `client` (once it is stored)."""
        self.citizen.hit(user.pk)
        self.client.hit(client)
        if self.is_new(user):
            self.new_account.hit(user.pk)


def too_many_links(limit, *texts):
    """How many web addresses the `texts` hold together when that is more than `limit`,
    else 0."""
    links = sum(len(_LINK.findall(text or "")) for text in texts)
    return links if links > limit else 0


def repeats_recent_text(contributions, author, text, within, exclude_pk=None):
    """Whether `author` stored the same `text` in `contributions` (a queryset of a model with
    `author`, `text` and `created_at`) during the last `within` (a timedelta)."""
    repeated = contributions.filter(
        author=author, text=text, created_at__gte=timezone.now() - within
    )
    if exclude_pk is not None:
        repeated = repeated.exclude(pk=exclude_pk)
    return repeated.exists()
