from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..choices import ActorType


class Institution(TranslatableMixin, index.Indexed, models.Model):
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

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


def localized_institutions(institutions, language_code):
    """{pk: the institution in `language_code`, else itself}, for many at once (one query)."""
    institutions = [i for i in institutions if i is not None]
    keys = {i.translation_key for i in institutions}
    locale = Locale.objects.filter(language_code=language_code).first()
    translated = {}
    if locale is not None and keys:
        translated = {
            i.translation_key: i
            for i in Institution.objects.filter(translation_key__in=keys, locale=locale)
        }
    return {i.pk: translated.get(i.translation_key, i) for i in institutions}
