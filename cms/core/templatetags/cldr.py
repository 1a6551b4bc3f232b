"""Template filters for dates, times, intervals and numbers in the page's language (CLDR).

{% load cldr %}
<time datetime="{{ page.date|machine }}">{{ page.date|long_date }}</time>
{{ event.start|date_time }}   {{ day|long_date:"full" }}   {% when start end all_day %}
"""

from django import template

from cms.core import dates

register = template.Library()


@register.filter
def long_date(value, style="long"):
    """Reads "31. júla 2023"; `style` "full" adds the weekday, "medium" and "short" shorten it."""
    return dates.format_date(value, style)


@register.filter
def date_time(value, style="long"):
    return dates.format_datetime(value, style)


@register.filter
def time_of_day(value):
    return dates.format_time(value)


@register.filter
def month_year(value):
    return dates.format_month(value)


@register.filter
def weekday_date(value):
    return dates.format_weekday_date(value)


@register.filter
def number(value, decimals=None):
    return dates.format_number(value, decimals)


@register.filter
def machine(value):
    """For `<time datetime="...">`: an ISO date or datetime without microseconds."""
    return dates.machine(value)


@register.filter
def days_left(value):
    """Reads "3 days left" until a date or datetime, with the language's plural."""
    return dates.days_left(value)


@register.simple_tag
def date_range(start, end):
    """Reads "3–5 грудня 2026 р."; one date when both fall on the same day."""
    return dates.format_date_interval(start, end)


@register.simple_tag
def when(start, end=None, all_day=False):
    """When something happens: "3. decembra 2026, 17:00 – 19:00"; dates only all day."""
    return dates.format_datetime_interval(start, end, all_day)
