"""The results page and the project list read a fixed number of queries, whether 10 or
100,000 ballots were cast."""

import random
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.budgets.counting import count
from plugins.budgets.models import Ballot, BallotChoice
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
