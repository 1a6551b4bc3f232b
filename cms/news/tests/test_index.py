import datetime
import re
import time
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model

from cms.core.chrome import replace_token
from cms.news.models import NewsPage
from cms.news.signals import bump
from cms.news.tests.factories import (
    bulk_articles,
    demo_index,
    make_article,
    make_category,
    make_index,
    path,
)

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(r'class="news-card__title"><a href="[^"]+">([^<]+)</a>', html)


def day(year, month, number):
    return timezone.make_aware(datetime.datetime(year, month, number, 12))


@pytest.fixture
def newsroom():
    """A newsroom of the Ternopil site with articles in known categories, tags and years."""
    index = make_index("ternopil", "uk", slug="test-news", per_page=2)
    budget = make_category("test-budget", "Бюджет", "uk")
    transport = make_category("test-transport", "Транспорт", "uk")
    make_article(index, "Бюджет 2023", day(2023, 3, 1), categories=[budget], tags=["кошти"])
    make_article(index, "Трамваї 2023", day(2023, 9, 1), categories=[transport])
    make_article(index, "Бюджет 2024", day(2024, 2, 1), categories=[budget], tags=["кошти"])
    make_article(index, "Автобуси 2024", day(2024, 6, 1), categories=[transport], tags=["рух"])
    make_article(index, "Чернетка 2024", day(2024, 7, 1), categories=[budget], publish=False)
    return index


def test_newest_first_paginated(get, newsroom):
    first = get("ternopil", path(newsroom))
    assert first.status_code == 200
    assert titles(first) == ["Автобуси 2024", "Бюджет 2024"]
    assert re.search(r'class="news-count" role="status">4 ', first.content.decode())
    second = get("ternopil", path(newsroom) + "?page=2")
    assert titles(second) == ["Трамваї 2023", "Бюджет 2023"]
    assert 'rel="prev"' in second.content.decode()
    assert "<title>Test news, " in second.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?category=test-budget", ["Бюджет 2024", "Бюджет 2023"]),
        ("?category=test-transport&year=2023", ["Трамваї 2023"]),
        ("?" + urlencode({"tag": "кошти"}), ["Бюджет 2024", "Бюджет 2023"]),
        ("?tag=%D1%80%D1%83%D1%85", ["Автобуси 2024"]),
        ("?year=2023", ["Трамваї 2023", "Бюджет 2023"]),
        ("?year=2024&category=test-budget&" + urlencode({"tag": "кошти"}), ["Бюджет 2024"]),
        ("?year=2024&page=1&utm_source=mail", ["Автобуси 2024", "Бюджет 2024"]),
    ],
)
def test_filters(get, newsroom, query, expected):
    response = get("ternopil", path(newsroom) + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    [
        "?category=no-such-category",
        "?tag=no-such-tag",
        "?year=1999",
        "?year=20x4",
        "?category=open-government",  # exists, but no article of this newsroom has it
        "?category=test-budget&year=2022",
    ],
)
def test_a_filter_that_matches_nothing_gives_an_empty_list(get, newsroom, query):
    response = get("ternopil", path(newsroom) + query)
    assert response.status_code == 200
    assert titles(response) == []
    assert 'class="news-empty"' in response.content.decode()


def test_filter_form_offers_only_what_this_newsroom_has(get, newsroom):
    html = get("ternopil", path(newsroom) + "?category=test-budget").content.decode()
    assert '<option value="test-budget" selected>Бюджет</option>' in html
    assert '<option value="test-transport">Транспорт</option>' in html
    assert "open-government" not in html
    assert '<option value="2024">2024</option>' in html
    assert '<option value="2023">2023</option>' in html
    assert 'method="get"' in html and "<script" not in html.split("</head>")[1]


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=0",
        "?page=-1",
        "?page=3",
        "?page=99999999999999999999",
        "?page=1.5",
        "?category=test-budget&page=2",
    ],
)
def test_bad_page_numbers_are_404(get, newsroom, query):
    assert get("ternopil", path(newsroom) + query).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?category=" + "x" * 5000,
        "?tag=" + "ы" * 3000 + "&year=" + "9" * 2000,
        "?category=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "?tag=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "?year=%00",
        "?category=%00%01&tag=%ff%fe",
        "?category=a&category=b&tag=",
        "?unknown=1&category[]=x&page=1",
        "?" + "&".join(f"p{n}={n}" for n in range(500)),
    ],
)
def test_hostile_query_strings_give_a_normal_page(get, newsroom, query):
    response = get("ternopil", path(newsroom) + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "onerror=alert" not in html and "<img src=x" not in html


def test_items_show_date_image_and_lead(get):
    index = demo_index("ternopil", "uk")
    html = get("ternopil", path(index)).content.decode()
    article = index.articles().first()
    assert f'datetime="{timezone.localtime(article.publication_date).isoformat()}"' in html
    assert f'alt="{article.image_alt}"' in html
    assert article.lead in html


def test_only_this_language_and_site(get):
    uk = demo_index("ternopil", "uk")
    en = demo_index("ternopil", "en")
    make_article(en, "Only in English")
    make_article(demo_index("levski", "bg"), "Само в Левски")
    assert "Only in English" not in titles(get("ternopil", path(uk)))
    assert "Only in English" in titles(get("ternopil", path(en)))
    assert "Само в Левски" not in titles(get("ternopil", path(en)))


def test_future_publication_date_schedules_the_article(get):
    index = demo_index("ternopil", "uk")
    future = make_article(
        index, "Новина з майбутнього", timezone.now() + datetime.timedelta(days=3)
    )
    future.refresh_from_db()
    assert not future.live and future.go_live_at is not None
    assert "Новина з майбутнього" not in titles(get("ternopil", path(index)))
    assert get("ternopil", path(future)).status_code == 404


def _index_queries(get, index, query="?page=1"):
    """(queries computing the listing, queries serving it from the page frame's cache)."""
    get("ternopil", path(index))  # warm up: renditions, site root paths
    replace_token()  # the listing is computed again, as after any change
    with CaptureQueriesContext(connection) as computed:
        assert get("ternopil", path(index) + query).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        response = get("ternopil", path(index) + query)
    return len(computed), len(kept), response


def test_index_renders_in_the_same_number_of_queries_for_10_or_1000_articles(get):
    image = get_image_model().objects.first()
    category = make_category("test-bulk", "Масово", "uk")
    tag = Tag.objects.create(name="масово", slug="masovo")
    small = make_index("ternopil", "uk", slug="small-news", per_page=12)
    bulk_articles(small, 10, image=image, category=category, tag=tag)
    large = make_index("ternopil", "uk", slug="large-news", per_page=12)
    bulk_articles(large, 1000, image=image, category=category, tag=tag)

    assert len(titles(get("ternopil", path(large)))) == 12
    small_count, small_kept, _ = _index_queries(get, small)
    large_count, large_kept, _ = _index_queries(get, large)
    assert small_count == large_count
    # From the cache: the page frame's token and the site's emergency notices (none with
    # Redis, where the notices are cached too).
    assert small_kept == large_kept <= 2
    filtered = "?category=test-bulk&tag=masovo&page={}"
    small_filtered, _, _ = _index_queries(get, small, filtered.format(1))
    large_filtered, kept, response = _index_queries(get, large, filtered.format(84))
    # A filtered listing counts its articles itself, and first checks the filters against
    # the unfiltered listing's choices: more queries than the unfiltered one, as many for
    # 1000 articles as for 10.
    assert large_filtered == small_filtered
    assert kept == small_kept
    assert response.status_code == 200
    assert len(titles(response)) == 1000 - 83 * 12


def test_filters_naming_nothing_are_answered_without_being_kept(get):
    index = demo_index("ternopil", "uk")
    asked = path(index) + "?tag=nothing-like-this"
    get("ternopil", path(index))
    first = get("ternopil", asked)
    with CaptureQueriesContext(connection) as again:
        second = get("ternopil", asked)
    assert first.status_code == second.status_code == 200
    assert "news-empty" in second.content.decode()
    # Computed every time: more than the token and the notices of a kept listing.
    assert len(again) > 2


def test_an_article_dated_ahead_joins_the_kept_listing_when_its_date_comes(get):
    index = demo_index("ternopil", "uk")
    article = make_article(index, "Новина на завтра")
    ahead = timezone.now() + datetime.timedelta(seconds=2)
    NewsPage.objects.filter(pk=article.pk).update(publication_date=ahead)
    replace_token()  # the update above went behind the models' back
    bump(index.pk)
    assert "Новина на завтра" not in titles(get("ternopil", path(index)))
    time.sleep((ahead - timezone.now()).total_seconds() + 0.1)
    assert "Новина на завтра" in titles(get("ternopil", path(index)))


def test_a_translated_article_still_pointing_at_source_categories_shows_them_translated(get):
    index = demo_index("ternopil", "en")
    uk_category = make_category("digital-transformation", "Цифрова трансформація", "uk")
    make_article(index, "Translated with old categories", categories=[uk_category])
    response = get("ternopil", path(index) + "?category=digital-transformation")
    assert "Translated with old categories" in titles(response)
    html = response.content.decode()
    card = html[html.index("Translated with old categories") :].split("</article>")[0]
    assert ">Digital transformation</a>" in card
    assert "Цифрова трансформація" not in response.content.decode()


def test_the_kept_index_shows_a_new_article_and_a_renamed_category(get):
    index = demo_index("ternopil", "uk")
    category = make_category("test-kept", "Перевірка", "uk")
    get("ternopil", path(index))
    make_article(index, "Щойно опубліковано", categories=[category])
    html = get("ternopil", path(index)).content.decode()
    assert "Щойно опубліковано" in titles(get("ternopil", path(index)))
    assert ">Перевірка</a>" in html
    category.name = "Перейменовано"
    category.save()
    html = get("ternopil", path(index)).content.decode()
    assert ">Перейменовано</a>" in html and ">Перевірка</a>" not in html
