"""A changed document purges the archive pages that show it from the front cache."""

import pytest

from cms.archive.signals import archive_urls
from cms.archive.tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_purge_list_has_every_language_of_the_sites_archive_and_the_document_pages():
    document = make_document("levski", "Отчет", language="bg")
    urls = archive_urls(document)
    slug = f"{document.pk}-{document.get_slug()}/"
    assert sorted(urls) == sorted(
        [
            "http://levski.localhost/bg/arhiv/",
            f"http://levski.localhost/bg/arhiv/{slug}",
            "http://levski.localhost/en/arhiv/",
            f"http://levski.localhost/en/arhiv/{slug}",
        ]
    )


def test_a_document_without_a_site_purges_nothing():
    document = make_document("levski", "Без сайт")
    document.site = None
    assert archive_urls(document) == []


def test_saving_a_document_sends_the_purge_when_a_front_cache_is_configured(monkeypatch):
    purged = []
    monkeypatch.setattr("cms.archive.signals.purge_urls", purged.extend)
    make_document("levski", "Решение", language="bg")
    assert purged == []
    monkeypatch.setattr(
        "cms.archive.signals.apps.is_installed",
        lambda name: name == "wagtail.contrib.frontend_cache",
    )
    document = make_document("levski", "Решение 2", language="bg")
    assert "http://levski.localhost/bg/arhiv/" in purged
    document.delete()
    assert purged.count("http://levski.localhost/bg/arhiv/") == 2
