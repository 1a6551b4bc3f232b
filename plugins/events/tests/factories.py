"""Building events for tests quickly, under the demo calendars or a given parent."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from plugins.events.models import EventIndexPage, EventPage


def calendar_for(language="uk"):
    return EventIndexPage.objects.get(locale__language_code=language, slug="events")


def make_event(parent, title="Public hearing", start=None, end=None, slug=None, **fields):
    end = end or (start + timedelta(hours=2))
    event = EventPage(
        title=title,
        slug=slug or f"event-{EventPage.objects.count() + 1}-{start:%Y%m%d%H%M}",
        start=start,
        end=end,
        locale=parent.locale if parent.locale_id else Locale.get_default(),
        **fields,
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def make_user(username, email=None):
    return get_user_model().objects.create_user(
        username=username, email=email or f"{username}@example.org", password="x-long-password-1"
    )


def bulk_events(parent, specs):
    """Many live event pages at once, without revisions or per-page signals (for query-count
    tests): `specs` are dicts of EventPage fields with at least title, slug, start, end."""
    content_type = ContentType.objects.get_for_model(EventPage)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    pages = []
    for offset, spec in enumerate(specs, start=1):
        pages.append(
            Page(
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                path=Page._get_path(parent.path, parent.depth + 1, step + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{spec['slug']}/",
                live=True,
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    created = Page.objects.filter(path__in=[page.path for page in pages]).order_by("path")
    time_zone = make_event_time_zone(parent)
    for base, spec in zip(created, specs, strict=True):
        event = EventPage(page_ptr_id=base.pk, time_zone=time_zone)
        event.__dict__.update(base.__dict__)
        for name, value in spec.items():
            setattr(event, name, value)
        event.update_recurrence()
        event.save_base(raw=True)


def make_event_time_zone(parent):
    probe = EventPage(path=parent.path + "0000", depth=parent.depth + 1)
    return probe.site_time_zone()
