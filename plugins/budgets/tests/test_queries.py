"""The results page and the project list read a fixed number of queries, whether 10 or
100,000 ballots were cast; a translation's pages look up the source version once."""

import random
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from plugins.budgets.counting import count
from plugins.budgets.models import Ballot, BallotChoice, BudgetCyclePage
from plugins.budgets.tests.cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db
HOST = "ternopil.localhost"


def add_ballots(cycle, projects, number, seed=0):
    rng = random.Random(seed)
    ballots = Ballot.objects.bulk_create(
        [Ballot(cycle=cycle) for _ in range(number)], batch_size=5000
    )
    choices = [
        BallotChoice(ballot=ballot, project=project)
        for ballot in ballots
        for project in rng.sample(projects, rng.randint(1, 3))
    ]
    BallotChoice.objects.bulk_create(choices, batch_size=5000)


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers={"host": HOST})
    assert response.status_code == 200
    return len(captured), response.content.decode()


# 100,000 rows: the query count does not depend on the database, SQLite is enough.
@pytest.mark.sqlite_only
def test_results_and_projects_read_the_same_queries_for_10_and_100000_ballots(client):
    cycle = make_cycle(
        phase="results",
        total=Decimal(1_000_000),
        districts=[("Центр", 200_000), ("Схід", 150_000)],
        categories=["Парки", "Дороги"],
    )
    centre, east = cycle.source_districts()
    parks, roads = cycle.source_categories()
    projects = make_projects(cycle, [250_000, 180_000, 120_000, 90_000], category=parks)
    projects += make_projects(cycle, [110_000, 70_000], district=centre, category=roads)
    projects += make_projects(cycle, [80_000, 60_000], district=east)
    results = cycle.url + cycle.reverse_subpage("results_view")
    listing = cycle.url

    add_ballots(cycle, projects, 10)
    count(cycle)
    queries(client, results)  # cached parts (menus, footer) are read on a first visit
    queries(client, listing)
    few_results, html = queries(client, results)
    few_list, _ = queries(client, listing)
    assert re.search(r"\b10 ", html)

    add_ballots(cycle, projects, 99_990, seed=1)
    count(cycle)
    many_results, html = queries(client, results)
    many_list, _ = queries(client, listing)
    assert re.search(r"100\W{1,8}000 ", html)  # the number of ballots, grouped
    assert many_results == few_results
    assert many_list == few_list


def source_lookups(captured):
    """The queries that look up which language version a cycle's projects belong to."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "budgets_budgetcyclepage"' in query["sql"]
        and '"translation_key" =' in query["sql"]
        and "LIMIT 1" in query["sql"]
    ]


def english_pages(projects_per_pool):
    """A cycle with districts and categories, its English version, and the English paths
    of the project list, one project and the results."""
    cycle = make_cycle(
        phase="results",
        total=Decimal(1_000_000),
        districts=[("Центр", 200_000), ("Схід", 150_000)],
        categories=["Парки", "Дороги"],
    )
    centre, east = cycle.source_districts()
    parks, roads = cycle.source_categories()
    costs = [10_000 + 1_000 * n for n in range(projects_per_pool)]
    projects = make_projects(cycle, costs, category=parks)
    projects += make_projects(cycle, costs, district=centre, category=roads)
    projects += make_projects(cycle, costs, district=east, category=parks)
    add_ballots(cycle, projects, 30)
    count(cycle)
    english = cycle.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    english = BudgetCyclePage.objects.get(pk=english.pk)
    return [
        english.url,
        english.url + english.reverse_subpage("project_view", args=[projects[-1].pk]),
        english.url + english.reverse_subpage("results_view"),
    ]


def test_a_translations_pages_look_up_the_source_once_and_do_not_grow(client):
    few, many = english_pages(1), english_pages(5)
    for small, large in zip(few, many, strict=True):
        queries(client, small)  # cached parts (menus, footer) are read on a first visit
        queries(client, large)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(large, headers={"host": HOST}).status_code == 200
        assert len(source_lookups(captured)) <= 1, large
        assert queries(client, small)[0] == len(captured), large
