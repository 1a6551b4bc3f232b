import calendar
import datetime

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.news.models import NewsPage
from cms.news.tests.factories import PROFILES, demo_index, make_article, make_category, path

pytestmark = pytest.mark.django_db

FEEDS = ["feeds/rss/", "feeds/atom/"]


def parse(get, site, url):
    response = get(site, url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize(
    "site, language",
    [("ternopil", "uk"), ("ternopil", "en"), ("levski", "bg"), ("banska-bystrica", "sk")],
)
def test_feed_parses_with_language_links_dates_and_unique_ids(get, site, language, kind):
    index = demo_index(site, language)
    response, feed = parse(get, site, path(index) + kind)
    articles = list(index.articles())
    assert len(articles) >= 3
    assert feed.feed.language == language
    assert feed.feed.link == f"http://{PROFILES[site].hostname}{path(index)}"
    assert [entry.title for entry in feed.entries] == [a.title for a in articles]
    assert [entry.link for entry in feed.entries] == [
        f"http://{PROFILES[site].hostname}{path(a)}" for a in articles
    ]
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    for entry, article in zip(feed.entries, articles, strict=True):
        published = entry.get("published_parsed")
        assert calendar.timegm(published) == int(article.publication_date.timestamp())
        assert entry.summary == article.lead
    expected_type = "application/rss+xml" if "rss" in kind else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)


def test_feed_lists_only_live_public_articles_of_that_site_and_language(get):
    index = demo_index("ternopil", "uk")
    live = make_article(index, "Опубліковано сьогодні")
    make_article(index, "Чернетка", publish=False)
    scheduled = make_article(
        index, "Заплановано", go_live_at=timezone.now() + datetime.timedelta(days=2)
    )
    assert not scheduled.live
    private = make_article(index, "Лише для працівників")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_article(demo_index("ternopil", "en"), "English only")
    make_article(demo_index("levski", "bg"), "Само в Левски")

    for kind in FEEDS:
        _, feed = parse(get, "ternopil", path(index) + kind)
        titles = [entry.title for entry in feed.entries]
        assert titles[0] == live.title
        assert set(titles) == {a.title for a in index.articles()}
        for hidden in ("Чернетка", "Заплановано", "Лише для працівників", "English only"):
            assert hidden not in titles
        assert "Само в Левски" not in titles


def test_control_characters_are_stripped_when_an_article_is_saved():
    article = make_article(demo_index("ternopil", "uk"), "Бюджет\x08 на\x1b 2025 рік")
    assert article.title == "Бюджет на 2025 рік"


def test_a_title_with_control_characters_does_not_break_the_feeds(get):
    index = demo_index("ternopil", "uk")
    article = make_article(index, "Бюджет")
    # As an import or an older version could have stored it (PostgreSQL refuses NUL itself).
    Page.objects.filter(pk=article.pk).update(title="Бюджет\x01 на\x08 2025\x1b рік")
    NewsPage.objects.filter(pk=article.pk).update(lead="Текст\x0c із\x01 керівними символами")
    for kind in FEEDS:
        _, feed = parse(get, "ternopil", path(index) + kind)
        assert feed.entries[0].title == "Бюджет на 2025 рік"
        assert feed.entries[0].summary == "Текст із керівними символами"


def test_markup_in_a_title_is_text_in_the_feeds(get):
    index = demo_index("ternopil", "en")
    make_article(index, "Fish & chips <b>tonight</b>")
    _, atom = parse(get, "ternopil", path(index) + "feeds/atom/")
    assert atom.entries[0].title == "Fish & chips <b>tonight</b>"
    _, rss = parse(get, "ternopil", path(index) + "feeds/rss/")
    assert "tonight" in rss.entries[0].title


def test_category_feed_lists_only_that_category(get):
    index = demo_index("levski", "bg")
    category = make_category("civic-participation", "Гражданско участие", "bg")
    other = make_category("council-decisions", "Решения на общинския съвет", "bg")
    make_article(index, "Решение за бюджета", categories=[other])
    for kind in ("rss", "atom"):
        _, feed = parse(get, "levski", f"{path(index)}feeds/{category.slug}/{kind}/")
        titles = {entry.title for entry in feed.entries}
        expected = {a.title for a in index.articles().filter(categories=category)}
        assert titles == expected and titles
        assert "Решение за бюджета" not in titles
        assert category.name in feed.feed.title


@pytest.mark.parametrize(
    "feed", ["feeds/no-such-category/rss/", "feeds/x/atom/", "feeds/rss/extra/", "feeds/json/"]
)
def test_unknown_feeds_are_404(get, feed):
    index = demo_index("levski", "bg")
    assert get("levski", path(index) + feed).status_code == 404


def test_feeds_of_another_language_are_not_served_on_a_site_without_it(get):
    index = demo_index("ternopil", "uk")
    assert get("levski", path(index) + "feeds/rss/").status_code == 404


def test_feeds_are_advertised_on_index_and_article(get):
    index = demo_index("banska-bystrica", "sk")
    article = index.articles().first()
    for url in (path(index), path(article)):
        html = get("banska-bystrica", url).content.decode()
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="Novinky (RSS)" '
            f'href="http://banska-bystrica.localhost{path(index)}feeds/rss/">' in html
        )
        assert f'href="http://banska-bystrica.localhost{path(index)}feeds/atom/"' in html
    html = get("banska-bystrica", path(index) + "?category=open-government").content.decode()
    assert f"{path(index)}feeds/open-government/rss/" in html


def test_feeds_are_cacheable_by_a_shared_cache(get):
    index = demo_index("ternopil", "uk")
    response = get("ternopil", path(index) + "feeds/rss/")
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies
