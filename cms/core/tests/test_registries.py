"""The shared registries of cms.core, filled from the apps' manifests."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from wagtail.models import Page, Site

from cms.core import userdata
from cms.core.calendar import Occurrence, occurrences
from cms.core.extensions import AFTER_PAGE_BODY
from cms.core.manifest import (
    Contributions,
    Extension,
    UserData,
    contribute_temporarily,
    demo_builders,
    open_data_exports,
)
from cms.core.search_sources import SearchSource, search_sources, source_for_kind
from cms.home.models import HomePage
from cms.news.models import NewsPage

pytestmark = pytest.mark.django_db


def test_search_sources_come_in_order_with_their_apps_labels():
    sources = search_sources()
    kinds = [source.kind for source in sources]
    assert kinds == [
        "news",
        "documents",
        "plans",
        "consultations",
        "budgets",
        "petitions",
        "events",
        "pages",
    ]
    assert [source.order for source in sources] == sorted(source.order for source in sources)
    with translation.override("en"):
        labels = {source.kind: str(source.label) for source in sources}
    assert labels["news"] == "News" and labels["plans"] == "Action plans and commitments"
    assert labels["events"] == "Events" and labels["documents"] == "Documents"


def test_a_later_app_overrides_a_kind():
    stories = SearchSource(kind="news", label="Stories", order=5, page_models=("news.NewsPage",))
    with contribute_temporarily("stories", Contributions(search_sources=(stories,))):
        assert source_for_kind("news") is stories
        assert search_sources()[0] is stories
        assert [s.kind for s in search_sources()].count("news") == 1
    assert source_for_kind("news").kind == "news" and source_for_kind("news") is not stories


def _occurrence(page_id, title):
    start = timezone.now() + timedelta(days=2)
    return Occurrence(
        title=title,
        start=start,
        end=start + timedelta(hours=1),
        all_day=False,
        url="/",
        uid=f"{title}@test",
        kind="test",
        page_id=page_id,
    )


def test_the_calendar_leaves_out_occurrences_of_pages_that_are_not_public():
    site = Site.objects.get(site_name="ternopil")
    news = NewsPage.objects.live().descendant_of(site.root_page).first()
    draft = NewsPage.objects.live().descendant_of(site.root_page).last()
    draft.unpublish()

    def source(site_, locale, start, end):
        return [
            _occurrence(news.pk, "public-page"),
            _occurrence(draft.pk, "draft-page"),
            _occurrence(None, "no-page"),
        ]

    window = (timezone.now(), timezone.now() + timedelta(days=5))
    with contribute_temporarily("testing", Contributions(calendar_sources=(source,))):
        titles = [o.title for o in occurrences(site, news.locale, *window, tags=())]
    assert "public-page" in titles and "no-page" in titles
    assert "draft-page" not in titles


def test_personal_data_is_exported_and_erased_by_every_app():
    citizen = get_user_model().objects.create_user("registry-citizen", "registry@example.org")
    erased = []

    def export(user):
        return {"user": user.username}

    def erase(user, remove_content):
        erased.append((user.username, remove_content))

    labels = [source.label for source in userdata.sources()]
    assert labels == sorted(labels)
    assert {"account", "comments", "consultations", "events"} <= set(labels)
    extra = Contributions(userdata=(UserData("zz", export, erase),))
    with contribute_temporarily("testing", extra):
        data = userdata.export_user_data(citizen)
        assert data["zz"] == {"user": "registry-citizen"}
        assert {"account", "comments", "consultations", "events"} <= set(data)
        userdata.erase_user_data(citizen, remove_content=True)
    assert erased == [("registry-citizen", True)]


def test_an_extension_point_shows_its_fillers_on_the_page_types_they_name(get):
    site = Site.objects.get(site_name="ternopil")
    news = NewsPage.objects.live().descendant_of(site.root_page).first()
    home = HomePage.objects.live().get(pk=site.root_page.pk)

    def marker(page, request):
        return f'<p class="filler-test">{page.pk}</p>'

    def nothing(page, request):
        return ""

    fillers = (
        Extension(AFTER_PAGE_BODY, marker, page_types=("news.NewsPage",)),
        Extension(AFTER_PAGE_BODY, nothing),
    )
    with contribute_temporarily("testing", Contributions(extensions=fillers)):
        news_html = get("ternopil", news.get_url()).content.decode()
        home_html = get("ternopil", home.get_url()).content.decode()
    assert f'<p class="filler-test">{news.pk}</p>' in news_html
    assert "filler-test" not in home_html
    assert "filler-test" not in get("ternopil", news.get_url()).content.decode()


def test_open_data_exports_answer_for_every_page_that_publishes_them(get):
    exports = open_data_exports()
    assert {label for label, _ in exports} == {
        "actionplans",
        "consultations",
        "petitions",
        "budgets",
    }
    for _, export in exports:
        app_label, model_name = export.page_type.split(".")
        page = (
            Page.objects.live()
            .public()
            .type(Page.objects.model._meta.apps.get_model(app_label, model_name))
            .filter(path__startswith=Site.objects.get(site_name="ternopil").root_page.path)
            .first()
        )
        assert page is not None, export.page_type
        for fmt, url in export.urls(page.specific).items():
            response = get("ternopil", url)
            assert response.status_code == 200, url
            assert fmt in response["Content-Type"], url


def test_the_demo_is_built_by_each_apps_own_builder_sites_first_search_last():
    builders = demo_builders()
    assert builders[0] == "fixtures.sites"
    assert builders[-1] == "cms.search.demo"
    assert {
        "cms.news.demo",
        "cms.archive.demo",
        "cms.actionplans.demo",
        "plugins.events.demo",
        "plugins.consultations.demo",
        "plugins.comments.demo",
    } <= set(builders)
    assert builders.index("cms.archive.demo") < builders.index("cms.news.demo")
    assert builders.index("plugins.comments.demo") > builders.index("plugins.consultations.demo")
