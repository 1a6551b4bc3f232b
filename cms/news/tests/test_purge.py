import pytest

from cms.news.signal_handlers import urls_showing
from cms.news.tests.factories import demo_index, make_article, make_category

pytestmark = pytest.mark.django_db


def test_publishing_an_article_purges_its_newsroom_feeds_and_home(monkeypatch):
    from django.apps import apps
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    purged = []
    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name == "wagtail.contrib.frontend_cache" or real(name)
    )
    monkeypatch.setattr(PurgeBatch, "purge", lambda self, **kwargs: purged.extend(self.urls))

    index = demo_index("ternopil", "uk")
    category = make_category("open-government", "Відкрите врядування", "uk")
    article = make_article(index, "Нова новина", categories=[category])
    base = "http://ternopil.localhost/uk/novyny/"
    expected = {
        base,
        base + "feeds/rss/",
        base + "feeds/atom/",
        base + "feeds/open-government/rss/",
        base + "feeds/open-government/atom/",
        "http://ternopil.localhost/uk/",
    }
    assert set(urls_showing(article)) == expected
    assert expected <= set(purged)

    purged.clear()
    article.unpublish()
    assert expected <= set(purged)
