"""The calendar page and the event pages under it."""

import zoneinfo
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.calendar import calendar_lookups
from cms.core.models import BasePage
from cms.core.related import RelatedPage
from cms.core.sites import profile_for_page

from .. import recurrence
from ..forms import EventPageForm


class EventIndexPage(RoutablePageMixin, BasePage):
    """The civic calendar of one site in one language: events and whatever other apps put on
    the calendar (consultation deadlines, milestones), as a list, a month table and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    def public_events(self, site, start=None, end=None, request=None):
        """Live public event pages of `site` in this calendar's language with an occurrence
        in [start, end)."""
        return events_between(site, self.locale, start, end, request)

    @path("")
    def upcoming_view(self, request):
        from ..views.calendar import upcoming

        return upcoming(self, request)

    @path("past/")
    def past_view(self, request):
        from ..views.calendar import past

        return past(self, request)

    @path("month/")
    def month_view(self, request):
        from ..views.calendar import month

        return month(self, request)

    @path("feed/")
    def feed_view(self, request):
        from ..views.ical import calendar_feed

        return calendar_feed(self, request)


class Repeat(models.TextChoices):
    DAILY = recurrence.DAILY, _("Every day")
    WEEKLY = recurrence.WEEKLY, _("Every week")
    MONTHLY = recurrence.MONTHLY, _("Every month")


class EventPage(RoutablePageMixin, BasePage):
    """A meeting, hearing or other event: when (once or recurring), where, and optionally
    with registration of signed-in citizens."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates of the start and end count.")
    )
    repeat = models.CharField(_("repeats"), max_length=10, blank=True, choices=Repeat.choices)
    repeat_interval = models.PositiveSmallIntegerField(
        _("interval"), default=1, help_text=_("1: every time, 2: every other time...")
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of occurrences"), null=True, blank=True
    )
    excluded_dates = models.TextField(
        _("excluded dates"),
        blank=True,
        help_text=_("Dates on which a repeating event does not take place: one YYYY-MM-DD a line."),
    )
    time_zone = models.CharField(max_length=64, editable=False, default="UTC")
    rrule = models.CharField(max_length=200, editable=False, blank=True)
    exdate = models.TextField(editable=False, blank=True)
    last_end = models.DateTimeField(null=True, editable=False, db_index=True)

    venue = models.ForeignKey(
        "events.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(_("online link"), blank=True)
    category = models.ForeignKey(
        "events.EventCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)

    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, further citizens join a waiting list."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldPanel("excluded_dates"),
            ],
            heading=_("Repetition"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("category"),
        FieldPanel("organiser"),
        FieldPanel("body"),
        InlinePanel("related_pages", label=_("Related pages")),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @path("ics/")
    def ics_view(self, request):
        from ..views.ical import event_ics

        return event_ics(self, request)

    def get_context(self, request, *args, **kwargs):
        from ..views.event import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    # Time zone and recurrence.

    def site_time_zone(self):
        """The time zone of the site the page belongs to (found through the tree path, which
        works before the page's URL path is set)."""
        return profile_for_page(self).time_zone

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def excluded(self):
        try:
            return recurrence.parse_dates(self.excluded_dates)
        except ValueError:
            return []

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end:
            tz = timezone.get_current_timezone()
            if self.all_day and self.end.astimezone(tz).date() < self.start.astimezone(tz).date():
                errors["end"] = _("The event cannot end before it starts.")
            elif not self.all_day and self.end < self.start:
                errors["end"] = _("The event cannot end before it starts.")
        if self.repeat:
            if self.repeat_until and self.repeat_count:
                errors["repeat_count"] = _(
                    "Choose either an end date or a number of occurrences, not both."
                )
            local_tz = timezone.get_current_timezone()
            if (
                self.repeat_until
                and self.start
                and self.repeat_until < self.start.astimezone(local_tz).date()
            ):
                errors["repeat_until"] = _("The repetition cannot end before the event starts.")
            if self.repeat_count and self.repeat_count > recurrence.MAX_OCCURRENCES:
                errors["repeat_count"] = _("At most %(max)s occurrences.") % {
                    "max": recurrence.MAX_OCCURRENCES
                }
        try:
            recurrence.parse_dates(self.excluded_dates)
        except ValueError:
            errors["excluded_dates"] = _("Write one date a line as YYYY-MM-DD, e.g. 2026-12-24.")
        if self.registration_enabled and self.registration_deadline and self.start:
            if self.registration_deadline > self.start and not self.repeat:
                errors["registration_deadline"] = _(
                    "The registration deadline must not be after the event starts."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.time_zone = self.site_time_zone()
        self.update_recurrence()
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            self.move_one_off_registrations()

    def move_one_off_registrations(self):
        """Registrations for a one-off event follow it when an editor changes its time (left
        alone when they are for several dates of what was a repeating event)."""
        if self.rrule:
            return
        starts = set(self.registrations.values_list("occurrence_start", flat=True).distinct())
        start = self.occurrences(self.start - timedelta(days=2), self.end + timedelta(days=2))
        if len(starts) == 1 and start and start[0][0] not in starts:
            self.registrations.update(occurrence_start=start[0][0])

    def update_recurrence(self):
        """Write the RFC 5545 RRULE/EXDATE text and the end of the last occurrence."""
        if self.repeat:
            self.rrule = recurrence.rrule_text(
                self.repeat,
                self.repeat_interval,
                self.repeat_until,
                self.repeat_count,
                self.all_day,
                self.time_zone,
            )
            local = self.start.astimezone(self.tz)
            if self.all_day:
                self.exdate = ",".join(f"{day:%Y%m%d}" for day in self.excluded)
            else:
                self.exdate = ",".join(f"{day:%Y%m%d}T{local:%H%M%S}" for day in self.excluded)
        else:
            self.rrule = self.exdate = ""
        self.last_end = recurrence.last_end(
            self.start, self.end, self.rrule, self.excluded, self.time_zone, self.all_day
        )

    def occurrences(self, window_start, window_end):
        """(start, end) of each occurrence overlapping the window, in the site's time zone."""
        return recurrence.expand(
            self.start,
            self.end,
            self.rrule,
            self.excluded,
            self.time_zone,
            window_start,
            window_end,
            self.all_day,
        )

    def occurrence_at(self, moment):
        """The (start, end) of the occurrence that starts at `moment`, or None."""
        second = timedelta(seconds=1)
        for start, end in self.occurrences(moment - second, moment + second):
            if start == moment:
                return start, end
        return None

    def upcoming_occurrences(self, now=None, limit=10):
        """The (start, end) of the next `limit` occurrences that have not started."""
        now = now or timezone.now()
        found = self.occurrences(now, now + recurrence.HORIZON)
        return [pair for pair in found if pair[0] > now][:limit]

    @property
    def public_venue(self):
        """The venue as citizens see it: None while it is an unpublished draft."""
        return self.venue if self.venue is not None and self.venue.live else None

    @property
    def public_category(self):
        """The category as citizens see it: None while it is an unpublished draft."""
        return self.category if self.category is not None and self.category.live else None

    def next_occurrence(self, now=None):
        now = now or timezone.now()
        found = self.occurrences(now, now + recurrence.HORIZON)
        return found[0] if found else None

    @property
    def uid(self):
        """The iCalendar UID: stable for the event in this language whatever is edited."""
        return self.uid_for(self.locale.language_code)

    def uid_for(self, language_code):
        return event_uid(self.translation_key, language_code)

    # Registration.

    def registration_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled:
            return False
        if self.registration_deadline and now > self.registration_deadline:
            return False
        if not self.repeat and now >= self.start:
            return False
        return True


def events_between(site, locale, start=None, end=None, request=None):
    """Live public event pages of `site` in `locale` with an occurrence in [start, end)
    (with the `request` being answered, its restricted sections are not read again)."""
    events = calendar_lookups(site, locale, request).site_pages(EventPage)
    if end is not None:
        events = events.filter(start__lt=end)
    if start is not None:
        events = events.filter(Q(last_end__isnull=True) | Q(last_end__gte=start))
    return events.select_related("venue", "category").order_by("start", "pk")


def event_uid(translation_key, language_code):
    return f"{translation_key}.{language_code}@hromada"


class EventPageRelatedPage(RelatedPage):
    """A page the event relates to: a commitment, a consultation, a news article..."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_pages")
