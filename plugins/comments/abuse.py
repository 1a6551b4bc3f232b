"""Limits against floods and spam: counters in the cache only (client addresses are hashed
and kept a minute or an hour, never beside a comment)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core.clientip import client_network
from plugins.comments import conf


def _address_key(request):
    address = client_network(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return f"comments:rate:addr:{digest}"


def _count(key, window):
    """Count a post in the window that the first counted post opened (the counter expires
    `window` seconds after it; incrementing keeps that expiry). Unlike clock-aligned
    buckets, a burst across a minute boundary cannot post twice the limit."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _peek(key):
    return cache.get(key, 0)


def rate_limit_error(request, user):
    """A message when this citizen or this address has posted too much lately, else None.
    Checking does not count: call `record_post` once a comment is saved."""
    if (
        _peek(f"comments:rate:user:{user.pk}") >= conf.PER_MINUTE()
        or _peek(_address_key(request)) >= conf.PER_MINUTE_PER_ADDRESS()
    ):
        return ngettext(
            "You can post at most %(count)d comment a minute. Please wait a moment.",
            "You can post at most %(count)d comments a minute. Please wait a moment.",
            conf.PER_MINUTE(),
        ) % {"count": conf.PER_MINUTE()}
    if (
        is_new_account(user)
        and _peek(f"comments:rate:new:{user.pk}") >= conf.NEW_ACCOUNT_PER_HOUR()
    ):
        return ngettext(
            "New accounts can post at most %(count)d comment an hour.",
            "New accounts can post at most %(count)d comments an hour.",
            conf.NEW_ACCOUNT_PER_HOUR(),
        ) % {"count": conf.NEW_ACCOUNT_PER_HOUR()}
    return None


def record_post(request, user):
    _count(f"comments:rate:user:{user.pk}", 60)
    _count(_address_key(request), 60)
    if is_new_account(user):
        _count(f"comments:rate:new:{user.pk}", 3600)


def is_new_account(user):
    age = timezone.now() - user.date_joined
    return age < timezone.timedelta(hours=conf.NEW_ACCOUNT_HOURS())


def duplicate_error(user, text, exclude_pk=None):
    from plugins.comments.models import Comment

    since = timezone.now() - timezone.timedelta(hours=conf.DUPLICATE_HOURS())
    repeated = Comment.objects.filter(author=user, text=text, created_at__gte=since)
    if exclude_pk:
        repeated = repeated.exclude(pk=exclude_pk)
    if repeated.exists():
        return _("You have already posted this text. Please write something new.")
    return None
