"""Rate limits as counters in the shared cache (local memory, or Redis in production).

A window opens with the first counted event and closes `window` seconds later; counting
keeps its expiry. What a limit is counted by (a client's address, an email address, an
account) is keyed by a keyed hash, so no address is kept in the cache in clear. While Redis
is unreachable (its errors ignored, as configured) nothing is counted and nothing refused:
the site keeps answering.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


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
