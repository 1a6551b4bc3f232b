"""The switched-on notices of a site, cached per site, and what a change to them sets off.

A page asks for them once per request: one query, or none when Django's cache is shared
by every process (Redis in production). Any change to a notice or its texts drops that
cache entry and, once the change is committed, has the site's pages purged from the front
cache (`cms.core.frontcache.purge_site` queues the purge; a worker sends it).
"""

import importlib.util

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

CACHE_SECONDS = 600
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {
    "critical": _("Emergency"),
    "warning": _("Warning"),
    "info": _("Notice"),
}


def cache_key(site_id):
    return f"alerts:site:{site_id}"


def _load(site_id):
    from cms.alerts.models import NoticeText

    rows = NoticeText.objects.filter(notice__site_id=site_id, notice__active=True).values(
        "notice_id",
        "notice__severity",
        "language",
        "message",
        "link_url",
        "link_text",
    )
    notices = {}
    for row in rows.order_by("-notice__switched_at", "-notice_id", "sort_order"):
        notice = notices.setdefault(
            row["notice_id"], {"severity": row["notice__severity"], "texts": {}}
        )
        notice["texts"][row["language"]] = {
            key: row[key] for key in ("message", "link_url", "link_text")
        }
    return sorted(notices.values(), key=lambda n: SEVERITY_ORDER.get(n["severity"], 9))


def _cache_is_shared():
    """Whether every process sees the same cache (Redis, files, a database table): then a
    change dropped in one process is dropped for all. A per-process memory cache could go
    on showing a notice already switched off in another worker, so it is not used."""
    return not isinstance(caches["default"], LocMemCache)


def active_notices(site_id):
    """The site's switched-on notices, most severe first: one query, none when cached."""
    if not _cache_is_shared():
        return _load(site_id)
    key = cache_key(site_id)
    notices = cache.get(key)
    if notices is None:
        notices = _load(site_id)
        cache.set(key, notices, CACHE_SECONDS)
    return notices


def notices_for(site, language, fallback_language):
    """What a page in `language` shows: each notice in that language, else in the site's
    own language (marked with its `lang`), else in the first language written."""
    shown = []
    for notice in active_notices(site.pk):
        texts = notice["texts"]
        lang = next(
            (code for code in (language, fallback_language) if code in texts),
            next(iter(texts), None),
        )
        if lang is None:
            continue
        shown.append(
            {
                "severity": notice["severity"],
                "label": SEVERITY_LABELS.get(notice["severity"], SEVERITY_LABELS["info"]),
                "lang": "" if lang == language else lang,
                **texts[lang],
            }
        )
    return shown


def front_cache_purger():
    """`cms.core.frontcache.purge_site` when the front cache support is installed."""
    if importlib.util.find_spec("cms.core.frontcache") is None:
        return None
    from cms.core import frontcache

    return getattr(frontcache, "purge_site", None)


class _AfterCommit:
    """Drops the site's cache entry and queues the purge of its pages: once per
    transaction, however many notice rows it changed."""

    def __init__(self, site_id):
        self.site_id = site_id

    def __eq__(self, other):
        return isinstance(other, _AfterCommit) and other.site_id == self.site_id

    def __hash__(self):
        return hash(self.site_id)

    def __call__(self):
        from wagtail.models import Site

        cache.delete(cache_key(self.site_id))
        purge_site = front_cache_purger()
        site = Site.objects.filter(pk=self.site_id).first()
        if purge_site is not None and site is not None:
            purge_site(site)  # queues the purge: a worker sends it


def site_changed(site_id):
    """A notice of the site changed: forget the cached notices now and after the commit
    (a page rendered in between must not keep the old ones), then purge the site."""
    if site_id is None:
        return
    cache.delete(cache_key(site_id))
    callback = _AfterCommit(site_id)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        queued == callback for _, queued, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(callback, robust=True)


def _notice_saved(sender, instance, **kwargs):
    site_changed(instance.site_id)
    previous = getattr(instance, "_previous_site_id", None)
    if previous and previous != instance.site_id:
        site_changed(previous)


def _notice_about_to_save(sender, instance, **kwargs):
    """Remembers the site a notice is moved away from, so that site is purged too."""
    if instance.pk:
        instance._previous_site_id = (
            sender.objects.filter(pk=instance.pk).values_list("site_id", flat=True).first()
        )


def _notice_deleted(sender, instance, **kwargs):
    site_changed(instance.site_id)


def _text_changed(sender, instance, **kwargs):
    from cms.alerts.models import EmergencyNotice

    site_id = (
        EmergencyNotice.objects.filter(pk=instance.notice_id)
        .values_list("site_id", flat=True)
        .first()
    )
    site_changed(site_id)


def connect():
    from cms.alerts.models import EmergencyNotice, NoticeText

    pre_save.connect(_notice_about_to_save, sender=EmergencyNotice, dispatch_uid="alerts-pre")
    post_save.connect(_notice_saved, sender=EmergencyNotice, dispatch_uid="alerts-saved")
    post_delete.connect(_notice_deleted, sender=EmergencyNotice, dispatch_uid="alerts-deleted")
    post_save.connect(_text_changed, sender=NoticeText, dispatch_uid="alerts-text-saved")
    post_delete.connect(_text_changed, sender=NoticeText, dispatch_uid="alerts-text-deleted")
