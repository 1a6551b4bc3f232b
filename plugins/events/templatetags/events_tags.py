from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core import calendar, dates

register = template.Library()


@register.simple_tag
def event_when(start, end, all_day):
    """The date and time of an occurrence, in the active time zone and the page's language
    (CLDR: "3 грудня 2026 р., 17:00–19:00"), in a <time> element of its start."""
    start, end, text = _when(start, end, all_day)
    if all_day and end <= start:
        return format_html(
            '<time datetime="{}">{}</time> ({})', dates.machine(start), text, _("all day")
        )
    return format_html('<time datetime="{}">{}</time>', dates.machine(start), text)


def _when(start, end, all_day):
    """(start, end, text): all-day occurrences as dates (their end is the next midnight)."""
    tz = timezone.get_current_timezone()
    start, end = start.astimezone(tz), end.astimezone(tz)
    if all_day:
        first = start.date()
        last = (end - timedelta(days=1)).date() if end > start else first
        last = max(first, last)
        return first, last, dates.format_date_interval(first, last)
    return start, end, dates.format_datetime_interval(start, end if end > start else None)


@register.simple_tag
def kind_label(kind):
    """What a calendar item from another app is, for citizens ("" for events), as that
    app names it in its manifest."""
    if kind == "event":
        return ""
    return calendar.kind_label(kind) or kind.replace("_", " ")


@register.simple_tag(takes_context=True)
def webcal(context, url):
    """The `webcal:` address of a feed (calendar apps subscribe to it)."""
    absolute = context["request"].build_absolute_uri(url)
    return "webcal:" + absolute.split(":", 1)[1]


@register.simple_tag
def url_with_query(url, **params):
    from django.utils.http import urlencode

    return f"{url}?{urlencode(params)}"


@register.simple_tag
def recurrence_text(event):
    """How an event repeats, in words: "Every week until 15 December 2026"."""
    from ..models.pages import Repeat

    if not event.repeat:
        return ""
    n = event.repeat_interval or 1
    if n > 1:
        text = {
            Repeat.DAILY: ngettext("Every %(n)s day", "Every %(n)s days", n),
            Repeat.WEEKLY: ngettext("Every %(n)s week", "Every %(n)s weeks", n),
            Repeat.MONTHLY: ngettext("Every %(n)s month", "Every %(n)s months", n),
        }[event.repeat] % {"n": n}
    else:
        text = str(Repeat(event.repeat).label)
    if event.repeat_until:
        text = _("%(rule)s until %(date)s") % {
            "rule": text,
            "date": dates.format_date(event.repeat_until),
        }
    elif event.repeat_count:
        text = ngettext(
            "%(rule)s, %(count)s time", "%(rule)s, %(count)s times", event.repeat_count
        ) % {"rule": text, "count": event.repeat_count}
    excluded = event.excluded
    if excluded:
        text = _("%(rule)s, except %(dates)s") % {
            "rule": text,
            "dates": ", ".join(dates.format_date(day) for day in excluded),
        }
    return text


@register.simple_tag
def event_when_text(event, occurrence=None):
    """The date of an occurrence (start, end) of an event, by default its first, as plain
    text (for emails), in the event's time zone."""
    start, end = occurrence or (event.start, event.end)
    with timezone.override(event.tz):
        return _when(start, end, event.all_day)[2]
