"""The news index's filter choices and article count come from the cache, and every change
that alters them shows on the next request."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.news.tests.factories import make_article, make_category, make_index, path

pytestmark = pytest.mark.django_db


def choices(response, name):
    """{value: label} of the filter form's select `name`."""
    html = response.content.decode()
    select = re.search(rf'<select id="news-{name}" name="{name}">(.*?)</select>', html, re.S)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(1)))


def tags(response):
    return set(choices(response, "tag").values())


def article_count(response):
    return int(re.search(r'class="news-count" role="status">(\d+)', response.content.decode())[1])


def day(year, month, number):
    return timezone.make_aware(datetime.datetime(year, month, number, 12))


@pytest.fixture
def newsroom():
    index = make_index("ternopil", "uk", slug="facet-news")
    make_article(index, "Перша", day(2023, 3, 1), tags=["кошти"])
    return index


def show(get, index):
    response = get("ternopil", path(index))
    assert response.status_code == 200
    return response


def test_a_published_article_adds_its_tag_year_and_count_at_once(get, newsroom):
    assert tags(show(get, newsroom)) == {"кошти"}  # now cached
    article = make_article(newsroom, "Друга", day(2021, 5, 1), tags=["вибори"])
    response = show(get, newsroom)
    assert tags(response) == {"кошти", "вибори"}
    assert list(choices(response, "year")) == ["2023", "2021"]
    assert article_count(response) == 2

    article.unpublish()
    response = show(get, newsroom)
    assert tags(response) == {"кошти"}
    assert list(choices(response, "year")) == ["2023"]
    assert article_count(response) == 1


def test_a_draft_does_not_add_its_tag(get, newsroom):
    show(get, newsroom)
    make_article(newsroom, "Чернетка", day(2022, 1, 1), tags=["чернетка"], publish=False)
    assert tags(show(get, newsroom)) == {"кошти"}


def test_moving_and_deleting_an_article_updates_both_newsrooms(get, newsroom):
    other = make_index("ternopil", "uk", slug="facet-other")
    article = make_article(other, "Переїзд", day(2020, 1, 1), tags=["переїзд"])
    assert "переїзд" not in tags(show(get, newsroom))
    assert "переїзд" in tags(show(get, other))

    article.move(newsroom, pos="last-child")
    assert "переїзд" in tags(show(get, newsroom))
    assert "переїзд" not in tags(show(get, other))
    assert article_count(show(get, other)) == 0

    article.refresh_from_db()
    article.delete()
    response = show(get, newsroom)
    assert "переїзд" not in tags(response)
    assert article_count(response) == 1


def test_a_new_and_a_renamed_category_show_at_once(get, newsroom):
    category = make_category("facet-parks", "Парки", "uk")
    assert "facet-parks" not in choices(show(get, newsroom), "category")
    make_article(newsroom, "Парк", day(2023, 6, 1), categories=[category])
    assert choices(show(get, newsroom), "category")["facet-parks"] == "Парки"
    category.name = "Парки і сквери"
    category.save()
    assert choices(show(get, newsroom), "category")["facet-parks"] == "Парки і сквери"


def test_a_restricted_article_leaves_the_choices(get, newsroom):
    article = make_article(newsroom, "Закрита", day(2023, 7, 1), tags=["таємниця"])
    assert "таємниця" in tags(show(get, newsroom))
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = show(get, newsroom)
    assert "таємниця" not in tags(response)
    assert article_count(response) == 1


def test_a_live_article_dated_ahead_appears_when_its_date_comes(get, newsroom, monkeypatch):
    article = make_article(newsroom, "Завтрашня", tags=["завтра"])
    ahead = timezone.now() + datetime.timedelta(hours=2)
    type(article).objects.filter(pk=article.pk).update(publication_date=ahead)  # no signal
    response = show(get, newsroom)
    assert "завтра" not in tags(response) and article_count(response) == 1

    later = ahead + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = show(get, newsroom)
    assert "завтра" in tags(response) and article_count(response) == 2


def test_a_warm_news_index_reads_no_facet_from_the_database(get, newsroom):
    make_article(newsroom, "Друга", day(2024, 2, 1), tags=["рух"])
    with CaptureQueriesContext(connection) as cold:
        show(get, newsroom)
    with CaptureQueriesContext(connection) as warm:
        response = show(get, newsroom)
    assert article_count(response) == 2
    assert list(choices(response, "year")) == ["2024", "2023"]

    def facet_queries(queries):
        return [
            q["sql"]
            for q in queries
            if '"taggit_tag"' in q["sql"]
            or "COUNT(" in q["sql"]
            or "DATE_TRUNC" in q["sql"]
            or "django_date_trunc" in q["sql"]
        ]

    assert len(facet_queries(cold.captured_queries)) >= 3
    assert facet_queries(warm.captured_queries) == []
    assert len(warm) <= len(cold) - 4
