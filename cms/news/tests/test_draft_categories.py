"""A category never published (a draft, e.g. a translator's new translation) is not shown."""

import pytest

from cms.news.tests.factories import make_article, make_category, make_index, path

pytestmark = pytest.mark.django_db


def test_a_draft_category_is_not_offered_nor_shown(get):
    index = make_index("ternopil", "uk", slug="test-draft-categories")
    live = make_category("test-live-topic", "Жива тема", "uk")
    draft = make_category("test-draft-topic", "Чернеткова тема", "uk")
    draft.live = False
    draft.save()
    article = make_article(index, "Стаття з темами", categories=[live, draft])

    listing = get("ternopil", path(index)).content.decode()
    assert "Жива тема" in listing and "Чернеткова тема" not in listing
    filtered = get("ternopil", path(index) + "?category=test-draft-topic").content.decode()
    assert 'class="news-empty"' in filtered
    assert "Чернеткова тема" not in get("ternopil", path(article)).content.decode()
    assert get("ternopil", path(index) + "feeds/test-draft-topic/rss/").status_code == 404
    assert get("ternopil", path(index) + "feeds/test-live-topic/rss/").status_code == 200
