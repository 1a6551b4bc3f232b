"""The abstract page every public page type inherits, and the abstract model of what a
citizen submits."""

import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

# Saves of a page that only keep the books of drafts and revisions: nothing a reader sees
# changes, so the caches that follow page saves (the front cache, the page frame, the news
# facets) leave them alone.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "search_vector",
    }
)


def is_bookkeeping_save(update_fields):
    """Whether a save with these `update_fields` (the post_save argument) only kept the
    books of drafts and revisions."""
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING_FIELDS


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

    #: Set by cms.core.serving on a page it found in the cache: whether neither the page
    #: nor an ancestor carries a view restriction (until the next change of the chrome).
    known_unrestricted = False

    def route(self, request, path_components):
        """Wagtail's routing; the step to a child by its slug asks the request's
        `child_page` (cms.core.serving: from the cache) when it has one."""
        child_page = getattr(request, "child_page", None)
        if not path_components or child_page is None:
            return super().route(request, path_components)
        child = child_page(self, path_components[0])
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail's routing does: not read again
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        if self.known_unrestricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_social_title(self):
        return self.og_title or self.seo_title or self.title

    def get_meta_description(self):
        return self.search_description or self.listing_summary


class ChromeVersion(models.Model):
    """The token of the cached frame of every page (cms.core.chrome: the site a host name
    serves, the main menu, the footer, a page's language versions): replaced, in the same
    transaction, by every change that can alter any of them. One row (`scope` "chrome")."""

    SCOPE = "chrome"

    scope = models.CharField(max_length=20, primary_key=True)
    token = models.UUIDField()

    def __str__(self):
        return f"{self.scope}: {self.token}"


class CitizenContribution(models.Model):
    """What a citizen submits to the city (a petition, a budget project): its author (None
    once the account is deleted; the user's reverse name is the plural of the model's,
    `user.petitions`), a public id that stays the same in addresses, feeds and open data,
    and when it was submitted and last changed."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True
