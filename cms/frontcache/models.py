"""What the front cache holds (as far as Django let it keep answers) and what must go."""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class CachedAnswer(models.Model):
    """An answer nginx may be keeping under `key` (`host` + request URI, nginx's own
    `proxy_cache_key`) until `expires_at`, with the tags of what it shows."""

    key = models.TextField()
    key_hash = models.CharField(max_length=64, unique=True)
    tags_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.key


class CachedAnswerTag(models.Model):
    answer = models.ForeignKey(CachedAnswer, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(max_length=150, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "tag"], name="frontcache_answer_tag")
        ]

    def __str__(self):
        return self.tag


class PendingPurge(models.Model):
    """A key to purge, kept until nginx confirmed it (200, or 404: not held). Retried with
    backoff while the cache is down; one row per key, so repeated changes do not pile up."""

    key = models.TextField()
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("pending front-cache purge")
        verbose_name_plural = _("pending front-cache purges")

    def __str__(self):
        return self.key


class MomentSweep(models.Model):
    """Up to when the scheduler has purged the objects whose time-driven moment passed
    (cms.core.frontcache.register_moments): one row."""

    swept_until = models.DateTimeField()

    def __str__(self):
        return self.swept_until.isoformat()
