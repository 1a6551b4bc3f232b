"""The main menu and the footer of each site: translatable snippets."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin


class MainMenu(DraftStateMixin, RevisionMixin, TranslatableMixin, ClusterableModel):
    """The links in the header of one site, in one language."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, verbose_name=_("site"))

    panels = [FieldPanel("site"), InlinePanel("items", label=_("Links"))]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return f"{self.site.site_name} ({self.locale.language_code})"


class MenuItem(Orderable):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.URLField(_("or an address"), blank=True)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Defaults to the page title.")
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or an address."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("A link to an address needs a label.")})

    @property
    def text(self):
        return self.label or (self.link_page.title if self.link_page else self.link_url)


class Footer(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """Text in the footer of one site, in one language (contacts come from the profile)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, verbose_name=_("site"))
    text = RichTextField(_("text"), features=["bold", "italic", "link"], blank=True)

    panels = [FieldPanel("site"), FieldPanel("text")]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{self.site.site_name} ({self.locale.language_code})"
