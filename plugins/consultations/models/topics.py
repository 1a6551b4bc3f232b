from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class ConsultationTopic(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A topic consultations are filtered by (digital services, open government...)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")
        ordering = ["name"]

    def __str__(self):
        return self.name
