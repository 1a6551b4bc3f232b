"""The shipped front cache, purged exactly: every URL that shows a change is fresh once the
task worker has run, and every other cached URL is still served from the cache."""

import gzip
from urllib.parse import quote

import pytest

# The session needs the demo database, copied for the served stack (see conftest).
pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"
BB = "banska-bystrica.localhost"
LEVSKI = "levski.localhost"
NEWS = "/uk/novyny/"
ARTICLE = NEWS + "zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"
PLAN_ARTICLE = NEWS + "plan-dii-vidkrytyi-uriad-2021-2023/"
OTHER_ARTICLE = NEWS + "elektronna-demokratiia-instrumenty/"
EVENT = "/uk/events/shkola-e-demokratii/"
PLAN = "/uk/ogp-action-plan-2021-2023/"
IDENTITY = {"Accept-Encoding": "identity"}  # a client that takes no gzip
ELSEWHERE = [(TE, EVENT), (TE, PLAN), (BB, "/sk/"), (LEVSKI, "/bg/")]
PAGE = """
from wagtail.models import Page
def page(path):
    return Page.objects.get(url_path="/ternopil" + path[len("/uk"):]).specific
"""


def warm_all(stack, urls):
    for host, path in urls:
        stack.warm(host, path)


def assert_fresh(stack, urls, text=None, absent=None):
    for host, path in urls:
        answer = stack.get(host, path)
        assert answer.cache != "HIT", f"{host}{path} is still the cached copy"
        if text:
            assert text in answer.text, f"{host}{path} does not show {text!r}"
        if absent:
            assert absent not in answer.text, f"{host}{path} still shows {absent!r}"


def assert_still_cached(stack, urls):
    for host, path in urls:
        assert stack.get(host, path).cache == "HIT", f"{host}{path} was dropped"


def test_an_edited_article_is_fresh_everywhere_it_shows_and_nothing_else_is_dropped(stack):
    shown = [(TE, ARTICLE), (TE, NEWS), (TE, "/uk/"), (TE, NEWS + "feeds/rss/")]
    warm_all(stack, [*shown, (TE, "/sitemap.xml"), (TE, OTHER_ARTICLE), *ELSEWHERE])
    stack.change(
        PAGE
        + f'p = page("{ARTICLE}")\np.title = "Оновлений заголовок"\n'
        + "p.save_revision().publish()"
    )
    assert_fresh(stack, shown, text="Оновлений заголовок")
    assert_fresh(stack, [(TE, "/sitemap.xml")])
    assert_still_cached(stack, [(TE, OTHER_ARTICLE), *ELSEWHERE])


def test_a_page_is_kept_once_compressed_for_every_client_and_one_purge_drops_it(stack):
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    stack.get(TE, OTHER_ARTICLE, headers=browser)
    hit = stack.get(TE, OTHER_ARTICLE, headers=browser)
    assert hit.stored and hit.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in hit.headers["vary"].lower()
    html = gzip.decompress(hit.body).decode()
    assert "<h1" in html and "public" in hit.headers["cache-control"]
    # Another browser's Accept-Encoding, and a client that takes no gzip: the same copy
    assert stack.get(TE, OTHER_ARTICLE, headers={"Accept-Encoding": "gzip"}).stored
    plain = stack.get(TE, OTHER_ARTICLE, headers=IDENTITY)
    assert plain.stored and "content-encoding" not in plain.headers
    assert plain.text == html

    stack.change(
        PAGE
        + f'p = page("{OTHER_ARTICLE}")\np.title = "Стиснений і оновлений"\n'
        + "p.save_revision().publish()"
    )
    fresh = stack.get(TE, OTHER_ARTICLE, headers=browser)
    assert fresh.cache != "HIT" and "Стиснений і оновлений" in gzip.decompress(fresh.body).decode()
    plain = stack.get(TE, OTHER_ARTICLE, headers=IDENTITY)
    assert plain.cache == "HIT" and "Стиснений і оновлений" in plain.text


def test_a_new_article_appears_in_filtered_listings_search_feeds_and_the_sitemap(stack):
    listings = [
        (TE, NEWS + "?category=open-government"),
        (TE, NEWS + "feeds/open-government/rss/"),
        (TE, "/uk/search/?q=" + quote("Ґрунтовнийтест")),
        (TE, "/sitemap.xml"),
        (TE, "/uk/"),
    ]
    warm_all(stack, [*listings, *ELSEWHERE])
    stack.change(
        PAGE
        + f"""
from cms.news.models import NewsCategory, NewsPage
index = page("{NEWS}")
article = NewsPage(
    title="Ґрунтовнийтест новина", slug="gruntovnyi-test", lead="Ґрунтовнийтест", live=False
)
index.add_child(instance=article)
article.categories.add(NewsCategory.objects.get(slug="open-government", locale=index.locale))
article.save_revision().publish()
"""
    )
    for host, path in listings:
        answer = stack.get(host, path)
        assert answer.cache != "HIT", path
        assert "gruntovnyi-test" in answer.text or "Ґрунтовнийтест новина" in answer.text, path
    assert_still_cached(stack, ELSEWHERE)


def test_an_unpublished_article_is_gone_from_its_page_and_its_listings(stack):
    warm_all(stack, [(TE, PLAN_ARTICLE), (TE, NEWS), *ELSEWHERE])
    assert "plan-dii-vidkrytyi-uriad-2021-2023" in stack.get(TE, NEWS).text
    stack.change(PAGE + f'page("{PLAN_ARTICLE}").unpublish()')
    assert stack.get(TE, PLAN_ARTICLE).status == 404
    assert_fresh(stack, [(TE, NEWS)], absent="plan-dii-vidkrytyi-uriad-2021-2023")
    assert_still_cached(stack, ELSEWHERE)


def test_a_changed_menu_is_fresh_on_every_page_of_its_site_only(stack):
    # The menu tag reads the site's menus in every language (it falls back to another one),
    # so the site's English pages are dropped too.
    pages = [(TE, "/uk/"), (TE, OTHER_ARTICLE), (TE, EVENT)]
    others = [(BB, "/sk/"), (LEVSKI, "/bg/"), (LEVSKI, "/en/")]
    warm_all(stack, pages + others)
    stack.change(
        """
from cms.navigation.models import MainMenu
item = MainMenu.objects.get(site__site_name="ternopil", locale__language_code="uk").items.last()
item.label = "Пункт меню змінено"
item.save()
"""
    )
    assert_fresh(stack, pages, text="Пункт меню змінено")
    assert_still_cached(stack, others)


def test_a_new_comment_refreshes_its_page_only(stack):
    commented, other = "/uk/elektronna-demokratiia/", "/uk/vidkryte-vriaduvannia/"
    warm_all(stack, [(TE, commented), (TE, other), *ELSEWHERE])
    stack.change(
        PAGE
        + f"""
from plugins.comments.models import Comment
p = page("{commented}")
Comment.objects.create(page=p, site_id=p.get_site().pk, text="Коментар після кешу",
                       status="published")
"""
    )
    assert_fresh(stack, [(TE, commented)], text="Коментар після кешу")
    assert_still_cached(stack, [(TE, other), *ELSEWHERE])


def test_scheduled_publishing_refreshes_the_listings(stack):
    warm_all(stack, [(TE, NEWS), *ELSEWHERE])
    stack.change(
        PAGE
        + f"""
from datetime import timedelta
from django.utils import timezone
from cms.news.models import NewsPage
article = NewsPage(title="Запланована новина", slug="zaplanovana", lead="-", live=False)
page("{NEWS}").add_child(instance=article)
article.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
"""
    )
    assert "Запланована новина" not in stack.get(TE, NEWS).text
    stack.change(
        'from django.core.management import call_command\ncall_command("publish_scheduled")'
    )
    assert_fresh(stack, [(TE, NEWS)], text="Запланована новина")
    assert_still_cached(stack, ELSEWHERE)


def test_an_edited_event_refreshes_its_calendar_file(stack):
    ics = EVENT + "ics/"
    warm_all(stack, [(TE, EVENT), (TE, ics), (TE, PLAN), (BB, "/sk/")])
    stack.change(
        PAGE + f'p = page("{EVENT}")\np.title = "Школа змінена"\n' + "p.save_revision().publish()"
    )
    assert_fresh(stack, [(TE, EVENT), (TE, ics)], text="Школа змінена")
    assert_still_cached(stack, [(TE, PLAN), (BB, "/sk/")])


def test_a_deleted_page_is_gone_from_the_cache(stack):
    warm_all(stack, [(TE, OTHER_ARTICLE), (TE, NEWS), (BB, "/sk/")])
    stack.change(PAGE + f'page("{OTHER_ARTICLE}").delete()')
    assert stack.get(TE, OTHER_ARTICLE).status == 404
    assert_fresh(stack, [(TE, NEWS)], absent="elektronna-demokratiia-instrumenty")
    assert_still_cached(stack, [(BB, "/sk/")])


def test_purge_site_drops_every_page_of_that_site_only(stack):
    ternopil = [(TE, "/uk/"), (TE, "/en/"), (TE, PLAN), (TE, "/sitemap.xml")]
    warm_all(stack, [*ternopil, (BB, "/sk/"), (LEVSKI, "/bg/")])
    stack.change(
        """
from wagtail.models import Site
from cms.core.frontcache import purge_site
purge_site(Site.objects.get(site_name="ternopil"))
"""
    )
    assert_fresh(stack, ternopil)
    assert_still_cached(stack, [(BB, "/sk/"), (LEVSKI, "/bg/")])


def test_a_moved_page_leaves_its_old_address_and_shows_under_its_new_parent(stack):
    old, parent = "/uk/accessibility/", "/uk/tsyfrova-transformatsiia/"
    warm_all(stack, [(TE, old), (TE, parent), (BB, "/sk/")])
    stack.change(PAGE + f'page("{old}").move(page("{parent}"), pos="last-child")')
    assert stack.get(TE, old).status != 200  # a redirect to the new address, or 404
    assert stack.get(TE, parent + "accessibility/").status == 200
    assert_fresh(stack, [(TE, parent)])
    assert_still_cached(stack, [(BB, "/sk/")])
