"""A private or unpublished cycle hides its projects everywhere at once: the site search
(without saving any project again), the other language version's list, project pages,
results, Pabulib file and open data, and the calendar's milestones."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.core.calendar import occurrences
from fixtures.pages import ensure_translation, publish
from plugins.budgets.counting import count
from plugins.budgets.models import BudgetCyclePage, ProjectMilestone
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects, site

pytestmark = pytest.mark.django_db

TITLE = "Сквер Дзвонолистя"


def found(get, word):
    body = get("ternopil", "/uk/search/", data={"q": word}).content.decode()
    return re.findall(r'class="search-result__title"[^>]*><a href="([^"]+)"', body)


def built_cycle():
    """A counted cycle with a winner that has a milestone, and its English version."""
    cycle = make_cycle(phase="results", total=Decimal(100))
    (winner,) = make_projects(cycle, [60], title=TITLE)
    cast(cycle, [winner], times=3)
    count(cycle)
    ProjectMilestone.objects.create(
        project=winner, title="Дзвонолистя: бруківка", due_date=timezone.localdate()
    )
    english = ensure_translation(cycle, "en", slug=f"{cycle.slug}-en", title="Civic budget")
    english = publish(BudgetCyclePage.objects.get(pk=english.pk))
    return cycle, winner, english


def english_routes(english, winner):
    base = english.get_url()
    return [
        base + english.reverse_subpage("project_view", args=[winner.pk]),
        base + english.reverse_subpage("results_view"),
        base + "results/pabulib/",
        base + english.reverse_subpage("data_view", kwargs={"fmt": "json"}),
        base + english.reverse_subpage("data_view", kwargs={"fmt": "csv"}),
    ]


def milestones(language):
    now = timezone.now()
    start, end = now - datetime.timedelta(days=5), now + datetime.timedelta(days=5)
    found = occurrences(site(), Locale.objects.get(language_code=language), start, end)
    return [o for o in found if o.kind == "budget_milestone" and "Дзвонолистя" in o.title]


def hidden_everywhere(get, cycle, winner, english):
    assert found(get, "Дзвонолистя") == []
    vote = english.get_url() + english.reverse_subpage("vote_view")
    for url in [*english_routes(english, winner), vote]:
        assert get("ternopil", url).status_code == 404, url
    listing = get("ternopil", english.get_url())
    assert listing.status_code == 200
    assert TITLE not in listing.content.decode()
    assert milestones("en") == [] and milestones("uk") == []


def shown_everywhere(get, cycle, winner, english):
    assert any(url.endswith(f"/projects/{winner.pk}/") for url in found(get, "Дзвонолистя"))
    assert TITLE in get("ternopil", english.get_url()).content.decode()
    for url in english_routes(english, winner):
        assert get("ternopil", url).status_code == 200, url
    assert milestones("en") and milestones("uk")


def test_a_restriction_on_the_cycle_hides_its_projects_and_lifting_it_shows_them(get):
    cycle, winner, english = built_cycle()
    shown_everywhere(get, cycle, winner, english)
    restriction = PageViewRestriction.objects.create(page=cycle, restriction_type="login")
    hidden_everywhere(get, cycle, winner, english)
    restriction.delete()
    shown_everywhere(get, cycle, winner, english)


def test_a_restriction_on_an_ancestor_hides_them(get):
    cycle, winner, english = built_cycle()
    PageViewRestriction.objects.create(page=cycle.get_parent(), restriction_type="login")
    assert found(get, "Дзвонолистя") == []
    assert get("ternopil", english_routes(english, winner)[0]).status_code == 404


def test_unpublishing_the_cycle_hides_its_projects_and_publishing_shows_them(get):
    cycle, winner, english = built_cycle()
    cycle.unpublish()
    hidden_everywhere(get, cycle, winner, english)
    publish(BudgetCyclePage.objects.get(pk=cycle.pk))
    shown_everywhere(get, cycle, winner, english)
