"""The newsroom: categories, tags, the news index and the articles."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.blocks import BodyBlock
from cms.core.chrome import cached
from cms.core.models import BasePage
from cms.core.related import RelatedDocument, RelatedPage
from cms.core.visibility import keep_public, keep_public_documents, public_pages
from cms.news.categories import localized_categories


class NewsCategory(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A subject of news (open government, digital services, ...), in one language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="news_category_slug_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def translations_in(cls, locale_id):
        """{translation key: category} of every live category in the language `locale_id`."""
        return {c.translation_key: c for c in cls.objects.filter(locale_id=locale_id, live=True)}

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageForm(WagtailAdminPageForm):
    """Offers only the categories in the article's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = getattr(self.instance, "locale", None) or (
            self.parent_page.locale if self.parent_page else None
        )
        if locale is not None and "categories" in self.fields:
            self.fields["categories"].queryset = NewsCategory.objects.filter(locale=locale)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The newsroom of one site in one language: the list of articles and its feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("articles per page"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Between 1 and 100."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    settings_panels = [*BasePage.settings_panels, FieldPanel("per_page")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self, request=None):
        """The live, public, already published articles of this newsroom, newest first."""
        return (
            public_pages(NewsPage.objects.child_of(self), request)
            .filter(publication_date__lte=timezone.now())
            .order_by("-publication_date", "-pk")
        )

    def category_translations(self):
        """{translation key: category} of every live category in this newsroom's language."""
        return NewsCategory.translations_in(self.locale_id)

    def live_category(self, slug):
        """The live category `slug` in this newsroom's language, or None."""
        return NewsCategory.objects.filter(locale_id=self.locale_id, slug=slug, live=True).first()

    @staticmethod
    def categories_used_by(articles):
        return NewsCategory.objects.filter(news_pages__in=articles).distinct()

    def categories_for(self, category_ids):
        """(the categories `category_ids`, {translation key: live category in this
        newsroom's language}) in one query."""
        in_language = models.Q(locale_id=self.locale_id, live=True)
        rows = list(NewsCategory.objects.filter(in_language | models.Q(pk__in=category_ids)))
        wanted = set(category_ids)
        translations = {
            c.translation_key: c for c in rows if c.locale_id == self.locale_id and c.live
        }
        return [c for c in rows if c.pk in wanted], translations

    def next_publication(self):
        """When the next live article whose publication date is still ahead comes out."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .filter(publication_date__gt=timezone.now())
            .order_by("publication_date")
            .values_list("publication_date", flat=True)
            .first()
        )

    def listing_tokens(self):
        """(this newsroom's facet token, the token of every newsroom), "-" when none yet."""
        every = NewsListingVersion.EVERY_INDEX
        tokens = dict(
            NewsListingVersion.objects.filter(index_id__in=[self.pk, every]).values_list(
                "index_id", "token"
            )
        )
        return tokens.get(self.pk, "-"), tokens.get(every, "-")

    def get_context(self, request, *args, **kwargs):
        from cms.news.listing import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(self, request))
        return context

    @path("feeds/rss/", name="rss")
    def rss_feed(self, request):
        from cms.news.feeds import serve_feed

        return serve_feed(self, request, "rss")

    @path("feeds/atom/", name="atom")
    def atom_feed(self, request):
        from cms.news.feeds import serve_feed

        return serve_feed(self, request, "atom")

    @path("feeds/<slug:category>/rss/", name="category_rss")
    def category_rss_feed(self, request, category):
        from cms.news.feeds import serve_feed

        return serve_feed(self, request, "rss", category)

    @path("feeds/<slug:category>/atom/", name="category_atom")
    def category_atom_feed(self, request, category):
        from cms.news.feeds import serve_feed

        return serve_feed(self, request, "atom", category)


#: The renditions of an article's own picture: the same specs as in news_page.html.
ARTICLE_IMAGE_SPECS = Filter.expand_spec("width-{480,960,1440} format-{webp,jpeg}")


class NewsPage(BasePage):
    """One news article."""

    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_(
            "Shown on the article and used to order the news. A date in the future schedules "
            "the article: it goes live then."
        ),
    )
    lead = models.TextField(
        _("lead paragraph"), max_length=600, help_text=_("One or two sentences: the news.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, related_name="news_pages", verbose_name=_("categories")
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, verbose_name=_("tags"), help_text=None
    )

    base_form_class = NewsPageForm
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading=_("Categories and tags"),
        ),
        InlinePanel("related_pages", label=_("Related pages")),
        InlinePanel("related_documents", label=_("Related documents")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        # The order of every listing (newest first): the newest 12 are read off the index
        # instead of sorting every article of the site.
        indexes = [
            models.Index(fields=["-publication_date", "-page_ptr"], name="news_article_newest")
        ]

    def clean(self):
        from cms.news.feeds import xml_text

        self.title, self.lead = xml_text(self.title), xml_text(self.lead)
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )
        if self.publication_date and self.publication_date > timezone.now() and not self.go_live_at:
            self.go_live_at = self.publication_date

    def get_meta_description(self):
        return super().get_meta_description() or self.lead

    @cached_property
    def news_index(self):
        """The newsroom of this article: the parent the routing found when the article is
        served (no query), else read."""
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, NewsIndexPage):
            return parent
        return NewsIndexPage.objects.parent_of(self).first()

    def surroundings(self):
        """What the article shows besides its own text: its image with the renditions the
        page uses, its categories in its language, its tags, its live related pages and
        its related documents. Kept with the page frame (cms.core.chrome) when served:
        pages, categories, tags and documents replace its token (apps.py)."""
        from cms.news.structured_data import social_image_path

        image = self.image
        if image is not None:
            get_renditions_or_not_found(image, ARTICLE_IMAGE_SPECS)
        return {
            "image": image,
            "social_image_path": social_image_path(self),
            "categories": localized_categories(
                self.categories.all(), NewsCategory.translations_in(self.locale_id)
            ),
            "tags": list(self.tags.all()),
            # Only what anyone may see: a private page's or document's title is not shown.
            "related_pages": keep_public(
                related.page for related in self.related_pages.select_related("page")
            ),
            "related_documents": keep_public_documents(
                related.document for related in self.related_documents.select_related("document")
            ),
        }

    def get_context(self, request, *args, **kwargs):
        from cms.news.feeds import feed_links
        from cms.news.structured_data import news_article_data

        context = super().get_context(request, *args, **kwargs)
        index = self.news_index
        around = cached(request, "news-article", [self.pk], self.surroundings)
        if around["image"] is not None:
            self.image = around["image"]  # with its renditions
        social_image = around["social_image_path"]
        if social_image:
            social_image = request.build_absolute_uri(social_image)
        categories, tags = around["categories"], around["tags"]
        context.update(
            {
                "categories": categories,
                "tags": tags,
                "related_pages": around["related_pages"],
                "related_documents": around["related_documents"],
                "index_url": index.get_url(request) if index else "",
                "feeds": feed_links(index, request) if index else [],
                "social_image": social_image,
                "structured_data": news_article_data(self, request, categories, tags, social_image),
            }
        )
        return context


class NewsListingVersion(models.Model):
    """The token of a news index's cached facets (cms.news.facets): replaced, in the same
    transaction, by every change that alters them (cms.news.signals). `index_id` 0
    (EVERY_INDEX): every news index."""

    EVERY_INDEX = 0

    index_id = models.PositiveBigIntegerField(primary_key=True)
    token = models.UUIDField()

    def __str__(self):
        return f"{self.index_id}: {self.token}"


class NewsPageRelatedPage(RelatedPage):
    """A page the article points readers to."""

    source = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")

    class Meta(RelatedPage.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


class NewsPageRelatedDocument(RelatedDocument):
    """A document the article points readers to."""

    source = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_documents")

    class Meta(RelatedDocument.Meta):
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
