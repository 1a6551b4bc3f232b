"""The abstract page every public page type inherits."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class CommentPolicy(models.TextChoices):
    OPEN = "open", _("Open: signed-in citizens may comment")
    CLOSED = "closed", _("Closed: the thread is shown, no new comments")
    HIDDEN = "hidden", _("Hidden: no thread")


class ModerationMode(models.TextChoices):
    POST = "post", _("Post-moderation: visible at once")
    PRE = "pre", _("Pre-moderation: visible after approval")


class BasePage(Page):
    """SEO, social and listing fields shared by every public page type, and how the page
    takes part in discussion (used by a comments plugin through the extension points)."""

    #: The comment policy of pages of this type when the editor leaves the field empty.
    default_comment_policy = CommentPolicy.HIDDEN

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

    comment_policy = models.CharField(
        _("comments"),
        max_length=10,
        blank=True,
        choices=CommentPolicy.choices,
        help_text=_("Leave empty for the default of this page type."),
    )
    comment_moderation = models.CharField(
        _("comment moderation"),
        max_length=10,
        blank=True,
        choices=ModerationMode.choices,
        help_text=_("Leave empty for the site's setting."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("og_title"), FieldPanel("og_image"), FieldPanel("listing_summary")],
            heading=_("Sharing and listings"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("comment_policy"), FieldPanel("comment_moderation")],
            heading=_("Discussion"),
        ),
    ]

    class Meta:
        abstract = True

    def get_social_title(self):
        return self.og_title or self.seo_title or self.title

    def get_meta_description(self):
        return self.search_description or self.listing_summary

    def get_comment_policy(self):
        return self.comment_policy or self.default_comment_policy
