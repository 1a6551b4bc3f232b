from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..choices import ActorType


class Institution(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A body that leads or supports commitments: a council, an NGO, a company, a donor."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    actor_type = models.CharField(
        _("type of actor"), max_length=20, choices=ActorType.choices, default=ActorType.GOVERNMENT
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("actor_type"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("actor_type"),
        SynchronizedField("website"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


def localized_institutions(institutions, language_code):
    """{pk: the live institution in `language_code`, else itself if live, else a live
    translation}, for many at once (one query). An institution with no live version at all
    (a draft never published) is left out."""
    institutions = [i for i in institutions if i is not None]
    keys = {i.translation_key for i in institutions}
    translated, any_live = {}, {}
    if keys:
        for i in Institution.objects.filter(translation_key__in=keys, live=True).select_related(
            "locale"
        ):
            if i.locale.language_code == language_code:
                translated[i.translation_key] = i
            any_live.setdefault(i.translation_key, i)
    shown = {}
    for i in institutions:
        found = translated.get(i.translation_key) or (i if i.live else None)
        found = found or any_live.get(i.translation_key)
        if found is not None:
            shown[i.pk] = found
    return shown
