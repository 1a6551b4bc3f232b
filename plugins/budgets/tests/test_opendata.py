"""Open data of a cycle: CSV and JSON of its projects, votes once the results are public, no
personal data, formulas neutralised; declared in the manifest."""

import csv
import io
import json
from decimal import Decimal

import pytest

from cms.core.manifest import open_data_exports
from plugins.budgets.counting import count
from plugins.budgets.models import ProjectStatus
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects

pytestmark = pytest.mark.django_db
HOST = "ternopil.localhost"


def fetch(client, cycle, fmt):
    response = client.get(
        cycle.url + cycle.reverse_subpage("data_view", kwargs={"fmt": fmt}), headers={"host": HOST}
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def test_json_and_csv_agree_and_hide_votes_until_the_results(client, django_user_model):
    author = django_user_model.objects.create_user(
        username="author-od", email="author-od@example.org", password="x" * 20
    )
    cycle = make_cycle(phase="voting", total=Decimal(100))
    park, formula = make_projects(cycle, [40, 30], author=author)
    formula.title = "=cmd|' /C calc'!A0"
    formula.save()
    make_projects(cycle, [5], status=ProjectStatus.WITHDRAWN, title="Withdrawn one")
    cast(cycle, [park], times=3)

    data = json.loads(fetch(client, cycle, "json").content)
    assert [p["id"] for p in data["projects"]] == [park.pk, formula.pk]
    assert all(p["votes"] is None for p in data["projects"])  # voting still open
    assert data["currency"] == "UAH" and data["total_amount"] == "100.00"

    text = fetch(client, cycle, "csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == [park.pk, formula.pk]
    assert rows[1]["title"].startswith("'=")  # a spreadsheet will not run it
    assert "author-od" not in text and "author-od" not in json.dumps(data)


def test_votes_and_outcome_after_the_results(client):
    cycle = make_cycle(phase="results", total=Decimal(100))
    park, road = make_projects(cycle, [70, 50])
    cast(cycle, [park], times=3)
    cast(cycle, [road], times=1)
    count(cycle)
    data = json.loads(fetch(client, cycle, "json").content)
    by_id = {p["id"]: p for p in data["projects"]}
    assert by_id[park.pk]["votes"] == 3 and by_id[park.pk]["selected"] is True
    assert by_id[road.pk]["votes"] == 1 and by_id[road.pk]["selected"] is False
    assert data["results_published"] is True


def test_the_manifest_declares_the_exports_with_working_urls(client):
    cycle = make_cycle(phase="voting")
    exports = [item for label, item in open_data_exports() if label == "budgets"]
    assert exports and exports[0].page_type == "budgets.BudgetCyclePage"
    for fmt, url in exports[0].urls(cycle).items():
        assert client.get(url, headers={"host": HOST}).status_code == 200, fmt
