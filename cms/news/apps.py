from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "cms.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from taggit.models import Tag
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from cms.core import chrome
        from cms.news import signals
        from cms.news.models import NewsCategory

        signals.connect()
        # Kept with the page frame: an article's categories, tags, related documents and
        # images (NewsPage.surroundings), the listing's cards, and the HTML of both
        # ({% keep %} in their templates: images and documents inside the body too).
        chrome.watch(NewsCategory, Tag, get_document_model(), get_image_model())

    def contributions(self):
        from cms.core.manifest import Contributions, Moments
        from cms.core.search_sources import SearchSource
        from cms.news.models import NewsPage

        return Contributions(
            # A live article whose publication date is ahead is left out of the listings
            # (NewsIndexPage.articles) until that moment, when nothing is saved.
            moments=(Moments(NewsPage, ("publication_date",), tags=article_appears),),
            search_sources=(
                SearchSource(
                    kind="news", label=_("News"), order=10, page_models=("news.NewsPage",)
                ),
            ),
            demo="cms.news.demo",
            demo_order=20,
        )


def article_appears(article):
    """What shows an article once its publication date is reached: the listings it joins."""
    from cms.core.frontcache import page_appears_tags

    return page_appears_tags(article) if article.live else set()
