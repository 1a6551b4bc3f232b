"""Purging what an article shows on from a front cache when it is published or withdrawn.

Wagtail's frontend cache purges the article itself; its newsroom, the newsroom's feeds and the
home page list it too. Filtered index pages (query strings) expire with `s-maxage`.
"""

from django.apps import apps
from wagtail.signals import page_published, page_unpublished


def urls_showing(article):
    """The full URLs of the pages and feeds that list `article`."""
    from cms.news.models import NewsIndexPage

    index = NewsIndexPage.objects.parent_of(article).first()
    if index is None:
        return []
    base = index.get_full_url()
    if not base:
        return []
    if not base.endswith("/"):
        base += "/"
    urls = [base, base + index.reverse_subpage("rss"), base + index.reverse_subpage("atom")]
    for slug in article.categories.values_list("slug", flat=True):
        for kind in ("rss", "atom"):
            urls.append(base + index.reverse_subpage(f"category_{kind}", kwargs={"category": slug}))
    home = index.get_parent()
    if home is not None and home.get_full_url():
        urls.append(home.get_full_url())
    return urls


def purge_listings(sender, instance, **kwargs):
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_urls(urls_showing(instance))
    batch.purge()


def connect():
    from cms.news.models import NewsPage

    page_published.connect(purge_listings, sender=NewsPage, dispatch_uid="news-purge-published")
    page_unpublished.connect(purge_listings, sender=NewsPage, dispatch_uid="news-purge-unpublished")
