"""The abstract page every public page type inherits."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """SEO, social and listing fields shared by every public page type. Plugins add to a
    page through the extension points (`cms.core.extensions`), keeping their own data."""

    og_title = models.CharField(
        _("title for social media"),
        max_length=95,
        blank=True,
        help_text=_("Shown when the page is shared. Defaults to the page title."),
    )
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image for social media"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_summary = models.TextField(
        _("summary in listings"),
        blank=True,
        max_length=300,
        help_text=_("Shown where the page is listed. Defaults to the search description."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("og_title"), FieldPanel("og_image"), FieldPanel("listing_summary")],
            heading=_("Sharing and listings"),
        ),
    ]

    class Meta:
        abstract = True

    def get_social_title(self):
        return self.og_title or self.seo_title or self.title

    def get_meta_description(self):
        return self.search_description or self.listing_summary

