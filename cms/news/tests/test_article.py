import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from cms.news.models import NewsPage
from cms.news.tests.factories import PROFILES, demo_index, home, make_article, path

pytestmark = pytest.mark.django_db


def json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_article_has_news_article_json_ld(get):
    article = (
        demo_index("ternopil", "en").articles().get(slug="digital-transformation-concept-approved")
    )
    html = get("ternopil", path(article)).content.decode()
    data = json_ld(html)
    host = PROFILES["ternopil"].hostname
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["inLanguage"] == "en"
    assert data["url"] == f"http://{host}{path(article)}"
    assert data["mainEntityOfPage"]["@id"] == data["url"]
    assert datetime.datetime.fromisoformat(data["datePublished"]) == article.publication_date
    assert data["datePublished"].startswith("2021-04-24T10:13:00+03:00")
    assert data["publisher"]["name"] == "Ternopil City Council"
    assert data["image"][0].startswith(f"http://{host}/media/images/")
    assert "Digital transformation" in data["articleSection"]
    assert "e-services" in data["keywords"]


def test_json_ld_cannot_close_its_script(get):
    article = make_article(
        demo_index("ternopil", "uk"), "Заголовок </script><script>alert(1)</script> & <!--"
    )
    html = get("ternopil", path(article)).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == article.title


def test_open_graph_tags(get):
    article = demo_index("levski", "bg").articles().first()
    html = get("levski", path(article)).content.decode()
    assert '<meta property="og:type" content="article">' in html
    published = timezone.localtime(article.publication_date).isoformat()
    assert f'<meta property="article:published_time" content="{published}">' in html
    assert '<meta property="og:image" content="http://levski.localhost/media/images/' in html
    assert f'<meta name="description" content="{article.lead}">' in html


def test_article_shows_categories_tags_related_pages_and_image(get):
    article = (
        demo_index("ternopil", "uk")
        .articles()
        .get(slug="zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii")
    )
    html = get("ternopil", path(article)).content.decode()
    index_path = path(article.get_parent())
    assert f'href="{index_path}?category=digital-transformation">Цифрова трансформація</a>' in html
    assert f'href="{index_path}?tag=' in html and "електронні послуги</a>" in html
    related = html.split('class="news-related"')[1].split("</aside>")[0]
    assert ">Цифрова трансформація</a></li>" in related
    assert ">Електронна демократія</a></li>" in related
    assert f'alt="{article.image_alt}"' in html
    assert f"<figcaption>{article.image_caption}</figcaption>" in html


def test_article_query_count_does_not_grow_with_the_newsroom(get):
    index = demo_index("banska-bystrica", "sk")
    article = index.articles().first()

    def count():
        get("banska-bystrica", path(article))
        with CaptureQueriesContext(connection) as queries:
            get("banska-bystrica", path(article))
        return len(queries)

    before = count()
    for number in range(5):
        make_article(
            index, f"Ďalšia správa {number}", timezone.now() - datetime.timedelta(days=400)
        )
    assert count() == before


def test_image_needs_alt_text():
    from wagtail.images import get_image_model

    article = NewsPage(title="x", slug="x", lead="x", image=get_image_model().objects.first())
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "image_alt" in error.value.message_dict


def test_scheduled_article_appears_everywhere_once_live(get):
    index = demo_index("ternopil", "uk")
    article = make_article(
        index, "Заплановане оголошення", go_live_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert not article.live
    sitemap = get("ternopil", "/sitemap.xml").content.decode()
    assert path(article) not in sitemap
    assert "Заплановане оголошення" not in get("ternopil", path(index)).content.decode()
    assert "Заплановане оголошення" not in get("ternopil", "/uk/").content.decode()
    assert get("ternopil", path(article)).status_code == 404

    past = timezone.now() - datetime.timedelta(seconds=1)
    revision = article.latest_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    Page.objects.filter(pk=article.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert path(article) in get("ternopil", "/sitemap.xml").content.decode()
    assert "Заплановане оголошення" in get("ternopil", path(index)).content.decode()
    assert "Заплановане оголошення" in get("ternopil", "/uk/").content.decode()


def test_unpublished_article_is_nowhere(get):
    index = demo_index("levski", "bg")
    article = make_article(index, "Оттеглена новина")
    article.unpublish()
    assert path(article) not in get("levski", "/sitemap.xml").content.decode()
    assert "Оттеглена новина" not in get("levski", path(index)).content.decode()
    assert "Оттеглена новина" not in get("levski", path(index) + "feeds/rss/").content.decode()
    assert get("levski", path(article)).status_code == 404


def test_home_shows_the_latest_news(get):
    index = demo_index("banska-bystrica", "sk")
    older = make_article(index, "Staršia správa", timezone.now() - datetime.timedelta(days=5000))
    latest = list(index.articles()[:3])
    html = get("banska-bystrica", path(home("banska-bystrica"))).content.decode()
    section = html.split('class="latest-news"')[1]
    positions = [section.index(article.title) for article in latest]
    assert positions == sorted(positions)
    assert f'href="{path(index)}"' in section
    assert older.title not in section


def test_news_index_is_in_the_main_menu_in_both_languages(get):
    for language in ("sk", "en"):
        index = demo_index("banska-bystrica", language)
        html = get("banska-bystrica", path(home("banska-bystrica", language))).content.decode()
        menu = html.split('class="main-menu"')[1].split("</nav>")[0]
        assert f'<a href="{path(index)}">{index.title}</a>' in menu


def test_news_pages_are_cacheable_and_carry_no_csrf_token(get):
    index = demo_index("ternopil", "uk")
    for url in (path(index), path(index.articles().first())):
        response = get("ternopil", url)
        assert "s-maxage" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies


def test_what_the_article_shows_around_it_changes_with_its_category_tag_and_document(get):
    """Categories, tags and related documents are kept with the page frame; a change to
    any of them shows on the next request."""
    from cms.archive.tests.factories import make_document
    from cms.news.models import NewsPageRelatedDocument
    from cms.news.tests.factories import make_category

    category = make_category("vodopostachannia", "Водопостачання", "uk")
    index = demo_index("ternopil", "uk")
    article = make_article(index, "Графік подачі води", categories=[category])
    document = make_document("ternopil", "Рішення про графік")
    NewsPageRelatedDocument.objects.create(source=article, document=document)
    article.tags.add("вода")
    article.save_revision().publish()
    html = get("ternopil", path(article)).content.decode()
    assert ">Водопостачання</a>" in html and "Рішення про графік" in html and ">вода</a>" in html

    category.name = "Вода і тепло"
    category.save()
    document.title = "Рішення № 12 про графік"
    document.save()
    tag = article.tags.get()
    tag.name = "вода і тепло"
    tag.save()
    html = get("ternopil", path(article)).content.decode()
    assert ">Вода і тепло</a>" in html and ">Водопостачання</a>" not in html
    assert "Рішення № 12 про графік" in html
    assert ">вода і тепло</a>" in html


def test_an_article_served_again_reads_only_the_token_and_the_notices(get):
    """The route, the frame and what the article shows around its text come from the cache
    (16 queries when all were read each time). The notices come from Redis when it is
    there."""
    article = demo_index("ternopil", "uk").articles().first()
    get("ternopil", path(article))
    with CaptureQueriesContext(connection) as queries:
        assert get("ternopil", path(article)).status_code == 200
    tables = [re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in queries]
    assert tables[0] == "core_chromeversion"
    assert tables[1:] in ([], ["alerts_noticetext"])


def test_a_saved_image_renews_the_kept_article_and_listing():
    """Images show inside kept HTML (the article's picture, its body, the cards): saving
    one (a new file, a new focal point) renews the page frame's token."""
    from wagtail.images import get_image_model

    from cms.core.chrome import current_token

    image = get_image_model().objects.first()
    before = current_token()
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    image.save()
    assert current_token() != before


def test_a_related_page_or_document_made_private_leaves_the_kept_article(get):
    """What an article shows around its text is kept with the page frame; a view
    restriction on a related page, or on a related document's collection, takes its title
    off the next answer."""
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from cms.archive.tests.factories import make_document
    from cms.news.models import NewsPageRelatedDocument, NewsPageRelatedPage

    index = demo_index("ternopil", "uk")
    article = make_article(index, "Засідання виконкому")
    other = make_article(index, "Протокол засідання для працівників")
    collection = Collection.get_first_root_node().add_child(name="Службові документи")
    document = make_document("ternopil", "Службова записка", collection=collection)
    NewsPageRelatedPage.objects.create(source=article, page=other)
    NewsPageRelatedDocument.objects.create(source=article, document=document)
    html = get("ternopil", path(article)).content.decode()
    assert "Протокол засідання для працівників" in html and "Службова записка" in html

    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    html = get("ternopil", path(article)).content.decode()
    assert "Службова записка" not in html
    assert "Протокол засідання для працівників" in html
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert (
        "Протокол засідання для працівників" not in get("ternopil", path(article)).content.decode()
    )
