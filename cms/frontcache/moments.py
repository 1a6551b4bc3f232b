"""Time-driven changes: purge what shows an object whose declared moment has passed.

A consultation that closes, an event that ends, a milestone that turns overdue change how
pages look without any save, so no change signal purges them. Apps declare those moments
(cms.core.frontcache.register_moments); every scheduler run purges the objects whose moment
lies between the previous run and now, and remembers how far it got (MomentSweep).
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cms.core.frontcache import purge_tags
from cms.core.manifest import moment_declarations
from cms.frontcache.models import MomentSweep
from cms.frontcache.tracking import model_label

#: A scheduler that was off longer than this catches up on this much only: a cached answer
#: from before an older moment has run out of its s-maxage long since.
MAX_LOOKBACK = timedelta(days=1)


def _time_zones():
    from cms.core.profiles import all_profiles

    zones = {settings.TIME_ZONE, *(profile.time_zone for profile in all_profiles())}
    return [zoneinfo.ZoneInfo(name) for name in sorted(zones)]


def _passed(model, name, since, until):
    """A filter on `model` for objects whose `name` moment lies in (since, until]."""
    field = model._meta.get_field(name)
    if isinstance(field, models.DateTimeField):
        return Q(**{f"{name}__gt": since, f"{name}__lte": until})
    query = Q()
    # A date's moment is the start of the next day: (since, until] holds it in a time zone
    # when since's local date <= date < until's local date.
    for zone in _time_zones():
        first = since.astimezone(zone).date()
        last = until.astimezone(zone).date() - timedelta(days=1)
        if first <= last:
            query |= Q(**{f"{name}__gte": first, f"{name}__lte": last})
    return query


def own_tag(model, pk):
    if issubclass(model, Page):
        return f"page-{pk}"
    return f"{model_label(model)}-{pk}"


def tags_between(since, until):
    """The tags of every declared object whose moment lies in (since, until]."""
    tags = set()
    for model, fields, tags_of in moment_declarations():
        query = Q()
        for name in fields:
            query |= _passed(model, name, since, until)
        if not query:
            continue
        objects = model._default_manager.filter(query)
        if tags_of is None:
            tags.update(own_tag(model, pk) for pk in objects.values_list("pk", flat=True))
        else:
            for obj in objects:
                tags.update(tags_of(obj))
    return tags


def sweep(now=None):
    """Purge what changed by time since the previous run (the first run looks back one
    s-maxage); returns the tags purged."""
    now = now or timezone.now()
    with transaction.atomic():
        mark = MomentSweep.objects.select_for_update().order_by("pk").first()
        if mark is None:
            mark = MomentSweep(swept_until=now)
            since = now - timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        else:
            since = max(mark.swept_until, now - MAX_LOOKBACK)
        if since >= now:
            return set()
        tags = tags_between(since, now)
        mark.swept_until = now
        mark.save()
        purge_tags(tags)  # sent once this commits
    return tags
