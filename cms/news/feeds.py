"""RSS 2.0 and Atom feeds of one newsroom (a site in one language), whole or per category."""

import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.core.sites import profile_for_request
from cms.news.categories import localized_categories

FEED_SIZE = 20
FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}

# Characters XML 1.0 cannot carry: Django's feed writer raises on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """`value` as text without the control characters XML 1.0 forbids."""
    return _NOT_XML.sub("", str(value or ""))


class NewsFeed(Feed):
    """The latest articles of `index` (optionally of one category) as RSS or Atom."""

    def __init__(self, index, kind, category=None):
        super().__init__()
        self.index = index
        self.kind = kind
        self.category = category
        self.feed_type = FEED_TYPES[kind]
        self.language = index.locale.language_code

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.profile = profile_for_request(request)
        return self.index

    def _text(self, value):
        value = xml_text(value)
        return escape(value) if self.kind == "rss" else value

    def title(self, obj):
        name = self.profile.name(self.language)
        if self.category is not None:
            return xml_text(f"{obj.title}: {self.category.name} | {name}")
        return xml_text(f"{obj.title} | {name}")

    def link(self, obj):
        return obj.get_full_url(self.request)

    def feed_url(self, obj):
        return self.request.build_absolute_uri(self.request.path)

    def description(self, obj):
        return xml_text(obj.intro or obj.search_description or obj.title)

    def subtitle(self, obj):
        return self.description(obj)

    def author_name(self, obj):
        return xml_text(self.profile.name(self.language))

    def items(self, obj):
        self.translations = obj.category_translations()
        articles = obj.articles()
        if self.category is not None:
            articles = articles.filter(
                categories__translation_key=self.category.translation_key
            ).distinct()
        return articles.prefetch_related("categories")[:FEED_SIZE]

    def item_title(self, item):
        return self._text(item.title)

    def item_description(self, item):
        return xml_text(item.lead)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        """A stable id: it survives a change of title or slug."""
        return f"tag:{self.request.get_host().split(':')[0]},2020:news/{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.publication_date

    def item_updateddate(self, item):
        return max(filter(None, [item.last_published_at, item.publication_date]))

    def item_categories(self, item):
        categories = localized_categories(item.categories.all(), self.translations)
        return [xml_text(category.name) for category in categories]


def serve_feed(index, request, kind, category_slug=None):
    category = None
    if category_slug is not None:
        category = index.live_category(category_slug)
        if category is None:
            raise Http404
    return NewsFeed(index, kind, category)(request)


def feed_links(index, request, category=None):
    """The feeds to advertise with `<link rel="alternate">`: a category's first."""
    base = index.get_url(request)
    if not base:
        return []
    if not base.endswith("/"):
        base += "/"
    links = []
    if category is not None:
        for kind, label in (("rss", "RSS"), ("atom", "Atom")):
            links.append(
                {
                    "type": MIME_TYPES[kind],
                    "title": _("%(title)s: %(category)s (%(format)s)")
                    % {"title": index.title, "category": category.name, "format": label},
                    "url": base
                    + index.reverse_subpage(f"category_{kind}", kwargs={"category": category.slug}),
                }
            )
    for kind, label in (("rss", "RSS"), ("atom", "Atom")):
        links.append(
            {
                "type": MIME_TYPES[kind],
                "title": _("%(title)s (%(format)s)") % {"title": index.title, "format": label},
                "url": base + index.reverse_subpage(kind),
            }
        )
    return links
