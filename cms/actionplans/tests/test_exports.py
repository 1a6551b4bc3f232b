"""Open data: the CSV and JSON of a plan parse and say what the pages say."""

import csv
import io
import json
import re

import pytest

pytestmark = pytest.mark.django_db

PLAN = "/uk/ogp-action-plan-2021-2023/"
PLAN_EN = "/en/ogp-action-plan-2021-2023/"


def page_numbers(html):
    """{code: progress} of the commitments and the plan's progress, as the page shows them."""
    plan = re.search(r'value="(\d+)" aria-labelledby="overall-heading', html)
    codes = re.findall(r'<span class="ap-code">([^<]+)</span>', html)
    values = re.findall(r'value="(\d+)" aria-labelledby="commitment-\d+ ', html)
    return int(plan.group(1)), dict(zip(codes, map(int, values), strict=True))


@pytest.mark.parametrize("path", [PLAN, PLAN_EN])
def test_json_round_trips_the_numbers_of_the_page(get, path):
    plan_progress, by_code = page_numbers(get("ternopil", path).content.decode())
    response = get("ternopil", path + "data/json/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["progress"] == plan_progress
    assert {c["code"]: c["progress"] for c in data["commitments"]} == by_code
    assert data["languages"] == ["uk", "en"]
    first = data["commitments"][0]
    assert set(first["title"]) == {"uk", "en"}
    assert all(set(m["deliverable"]) == {"uk", "en"} for m in first["milestones"])


def test_ids_are_stable_across_languages_and_requests(get):
    uk = json.loads(get("ternopil", PLAN + "data/json/").content)
    en = json.loads(get("ternopil", PLAN_EN + "data/json/").content)
    assert uk["id"] == en["id"]
    assert [c["id"] for c in uk["commitments"]] == [c["id"] for c in en["commitments"]]
    uk_milestones = [m["id"] for c in uk["commitments"] for m in c["milestones"]]
    en_milestones = [m["id"] for c in en["commitments"] for m in c["milestones"]]
    assert uk_milestones == en_milestones
    again = json.loads(get("ternopil", PLAN + "data/json/").content)
    assert again == uk


def test_csv_parses_and_matches_the_json(get):
    response = get("ternopil", PLAN + "data/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    data = json.loads(get("ternopil", PLAN + "data/json/").content)
    commitments = [r for r in rows if r["record"] == "commitment"]
    milestones = [r for r in rows if r["record"] == "milestone"]
    assert [(r["id"], r["code"], r["progress"]) for r in commitments] == [
        (c["id"], c["code"], "" if c["progress"] is None else str(c["progress"]))
        for c in data["commitments"]
    ]
    assert len(milestones) == sum(len(c["milestones"]) for c in data["commitments"])
    first = data["commitments"][0]["milestones"][0]
    row = next(r for r in milestones if r["id"] == first["id"])
    assert row["title_uk"] == first["deliverable"]["uk"]
    assert row["title_en"] == first["deliverable"]["en"]
    assert row["weight"] == str(first["weight"])
    assert row["overdue"] == str(int(first["overdue"]))


def test_slovak_plan_exports_slovak_and_english(get):
    data = json.loads(
        get("banska-bystrica", "/sk/akcny-plan-otvoreneho-vladnutia-2024-2027/data/json/").content
    )
    assert data["languages"] == ["sk", "en"]
    empty = next(c for c in data["commitments"] if c["code"] == "BB-2024-02")
    assert empty["progress"] is None and empty["milestones"] == []
