"""The record of what the front cache may hold: keys and their tags."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.frontcache import store
from cms.frontcache.models import CachedAnswer, CachedAnswerTag, key_digest

# Kept a little past an answer's expiry (the clocks of nginx and Django may differ).
GRACE = timedelta(seconds=60)


def record(key, tags, seconds):
    """Remember that nginx may keep `key` for `seconds`, showing `tags`."""
    tags = sorted(tags)
    tags_hash = hashlib.sha256("\n".join(tags).encode()).hexdigest()
    expires_at = timezone.now() + timedelta(seconds=seconds) + GRACE
    key_hash = key_digest(key)
    updated = CachedAnswer.objects.filter(key_hash=key_hash, tags_hash=tags_hash).update(
        expires_at=expires_at
    )
    if updated:
        return
    try:
        with transaction.atomic():
            answer, _ = CachedAnswer.objects.update_or_create(
                key_hash=key_hash,
                defaults={"key": key, "tags_hash": tags_hash, "expires_at": expires_at},
            )
            answer.tags.all().delete()
            CachedAnswerTag.objects.bulk_create(
                [CachedAnswerTag(answer=answer, tag=tag[:150]) for tag in tags]
            )
    except IntegrityError:
        pass  # the same key recorded by a concurrent request: one of them is enough


def keys_for(tags):
    """The keys of every answer that may still be cached and shows one of `tags` (a tag
    ending in `*` stands for every tag that starts with what comes before it). Expired
    records count until `forget_expired` has dropped their stored pages."""
    prefixes = [tag[:-1] for tag in tags if tag.endswith("*")]
    tags = [tag for tag in tags if not tag.endswith("*")]
    live = CachedAnswer.objects.all()
    if not store.enabled():
        live = live.filter(expires_at__gt=timezone.now())
    keys = set()
    for start in range(0, len(tags), 500):
        chunk = tags[start : start + 500]
        keys.update(live.filter(tags__tag__in=chunk).values_list("key", flat=True))
    for prefix in prefixes:
        keys.update(live.filter(tags__tag__startswith=prefix).values_list("key", flat=True))
    return keys


def forget_expired():
    """Drop what is past its `s-maxage`: stored pages (by their age, so a page the records
    lost, after a restore, goes too), then the records."""
    store.sweep(settings.PAGE_CACHE_SECONDS + GRACE.total_seconds())
    CachedAnswer.objects.filter(expires_at__lte=timezone.now()).delete()
