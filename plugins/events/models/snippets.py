"""Translatable snippets that events point to: where they happen and what kind they are."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Venue(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A place where events happen, with its address and accessibility information."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, accessible toilets, parking..."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates (optional, shown as a link to a map)"),
        ),
        FieldPanel("accessibility"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("accessibility"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """A link to the venue on OpenStreetMap, when it has coordinates."""
        if not self.has_coordinates:
            return ""
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


class EventCategory(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A kind of event (public hearing, participatory meeting...) citizens can filter by and
    subscribe to."""

    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]
    translatable_fields = [TranslatableField("name")]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["name"]

    def __str__(self):
        return self.name
