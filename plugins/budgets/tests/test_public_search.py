"""Projects in the site search: proposals once submitted, marked by their status in their
page; withdrawn ones are not found; found in every language their cycle is published in."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, PageViewRestriction

from cms.search.models import SearchEntry
from cms.search.rebuild import rebuild
from plugins.budgets.models import BudgetCyclePage, ProjectStatus
from plugins.budgets.tests.cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


def result_urls(response):
    return re.findall(
        r'class="search-result__title"[^>]*><a href="([^"]+)"', response.content.decode()
    )


def test_proposals_are_found_and_withdrawn_ones_are_not(get):
    cycle = make_cycle(phase="review")
    (found,) = make_projects(cycle, [1000], title="Квітковий лабіринт Зелентопія")
    (gone,) = make_projects(cycle, [1000], title="Фонтан Сріблодзвін")
    gone.status = ProjectStatus.WITHDRAWN
    gone.save()

    urls = result_urls(get("ternopil", "/uk/search/", data={"q": "Зелентопія"}))
    assert any(url.endswith(f"/projects/{found.pk}/") for url in urls)
    assert get("ternopil", urls[0]).status_code == 200
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "Сріблодзвін"})) == []


def english_version(cycle, title="Civic budget in English"):
    english = cycle.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title
    english.save_revision().publish()
    return BudgetCyclePage.objects.get(pk=english.pk)


def test_a_project_is_found_in_every_language_its_cycle_is_published_in(get):
    cycle = make_cycle(phase="review")
    (project,) = make_projects(cycle, [1000], title="Велодоріжка Ясноплин")
    query = {"q": "Ясноплин"}
    assert result_urls(get("ternopil", "/en/search/", data=query)) == []

    english = english_version(cycle)
    (url,) = result_urls(get("ternopil", "/en/search/", data=query))
    english_path = english.get_url_parts()[2]
    assert url == f"{english_path}projects/{project.pk}/"
    page = get("ternopil", url)
    assert page.status_code == 200 and "Велодоріжка Ясноплин" in page.content.decode()
    # The Ukrainian search still leads to the Ukrainian page of the project.
    (url,) = result_urls(get("ternopil", "/uk/search/", data=query))
    assert url.startswith("/uk/") and url.endswith(f"/projects/{project.pk}/")

    # A restriction on the English version takes only the English entry out.
    restriction = PageViewRestriction.objects.create(page=english, restriction_type="login")
    assert result_urls(get("ternopil", "/en/search/", data=query)) == []
    assert len(result_urls(get("ternopil", "/uk/search/", data=query))) == 1
    restriction.delete()
    assert len(result_urls(get("ternopil", "/en/search/", data=query))) == 1

    english.unpublish()
    assert result_urls(get("ternopil", "/en/search/", data=query)) == []
    assert len(result_urls(get("ternopil", "/uk/search/", data=query))) == 1


def test_a_project_of_a_private_source_cycle_is_found_in_no_language(get):
    cycle = make_cycle(phase="review")
    (project,) = make_projects(cycle, [1000], title="Сквер Тихозір")
    english_version(cycle)
    query = {"q": "Тихозір"}
    assert len(result_urls(get("ternopil", "/en/search/", data=query))) == 1
    PageViewRestriction.objects.create(page=cycle, restriction_type="login")
    assert result_urls(get("ternopil", "/en/search/", data=query)) == []
    assert result_urls(get("ternopil", "/uk/search/", data=query)) == []


def test_a_rebuilt_index_keeps_one_entry_per_language(get):
    cycle = make_cycle(phase="review")
    (project,) = make_projects(cycle, [1000], title="Альтанка Зорецвіт")
    english = english_version(cycle)
    rebuild(extract=False)
    # The project's own entries: a page of kind "budgets" (a cycle) may share its number.
    entries = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(project),
        object_id=project.pk,
        kind="budgets",
    )
    assert sorted(entries.values_list("language", flat=True)) == ["en", "uk"]
    (url,) = result_urls(get("ternopil", "/en/search/", data={"q": "Зорецвіт"}))
    assert url.startswith("/en/")
    Page.objects.get(pk=english.pk).delete()
    assert list(entries.values_list("language", flat=True)) == ["uk"]
