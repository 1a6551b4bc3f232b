"""The published ballot data: valid Pabulib files (pabulib-checker) that pabutools reads back
to the same winners, with no personal data."""

import io
from contextlib import redirect_stdout
from decimal import Decimal

import pytest
from pabulib.checker import Checker
from pabutools.election import Cost_Sat, Instance
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import min_cost_tie_breaking

from plugins.budgets.counting import count
from plugins.budgets.models import ProjectResult
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects

pytestmark = pytest.mark.django_db
HOST = "ternopil.localhost"


def check_report(text):
    """pabulib-checker's report on one file's text: {"errors": ..., "warnings": ...}."""
    with redirect_stdout(io.StringIO()):
        report = Checker().process_files([text])
    (name,) = [key for key in report if key not in ("metadata", "summary")]
    assert report["metadata"]["processed"] == 1
    return report[name]["results"]


def check(text):
    """pabulib-checker's errors for one file's text ({} when valid)."""
    return check_report(text).get("errors", {})


def recount(text):
    """The winners pabutools computes from the file alone, by the file's own rule."""
    instance, profile = parse_pabulib_from_string(text)
    if instance.meta["rule"] == "equalshares":
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, tie_breaking=min_cost_tie_breaking
        )
    else:
        threshold = int(instance.meta["min_project_score_threshold"])
        eligible = Instance(
            (p for p in instance if profile.approval_score(p) >= threshold),
            budget_limit=instance.budget_limit,
        )
        outcome = greedy_utilitarian_welfare(
            eligible, profile, sat_class=Cost_Sat, tie_breaking=min_cost_tie_breaking
        )
    selected = {p.name for p in instance if instance.project_meta[p].get("selected") == "1"}
    return {p.name for p in outcome}, selected, instance, profile


def counted_cycle(rule):
    cycle = make_cycle(
        counting_rule=rule,
        total=Decimal("250000"),
        districts=[("Північ", "100000")],
        categories=["Parks; squares", "=HYPERLINK(1)"],
    )
    (north,) = cycle.source_districts()
    park, school = cycle.source_categories()
    city = make_projects(cycle, ["90000", "70000.50", "40000", "35000"], category=park)
    local = make_projects(cycle, ["60000", "45000", "30000"], district=north, category=school)
    cast(cycle, [city[0], city[1]], times=30)
    cast(cycle, [city[2], local[1]], times=14)
    cast(cycle, [city[3], local[2], local[0]], times=9)
    cast(cycle, [local[0]], times=12)
    count(cycle)
    return cycle


@pytest.mark.parametrize("rule", ["greedy", "mes"])
def test_every_pool_file_passes_the_checker_and_recounts_to_the_same_winners(client, rule):
    cycle = counted_cycle(rule)
    base = cycle.url + cycle.reverse_subpage("pabulib_view")
    stored = set(
        ProjectResult.objects.filter(cycle=cycle, selected=True).values_list(
            "project_id", flat=True
        )
    )
    found = set()
    for pool in ("city", f"district-{cycle.source_districts()[0].pk}"):
        response = client.get(base, {"pool": pool}, headers={"host": HOST})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'-{pool}.pb"')
        text = response.content.decode()
        assert check(text) == {}
        winners, marked, instance, profile = recount(text)
        assert winners == marked
        assert instance.meta["rule"] == {"greedy": "greedy-threshold", "mes": "equalshares"}[rule]
        found |= {int(name) for name in winners}
    assert found == stored
    assert found, "an election nobody wins tests nothing"


def test_the_file_holds_no_personal_data_and_numbers_voters_anonymously(client):
    cycle = counted_cycle("greedy")
    response = client.get(
        cycle.url + cycle.reverse_subpage("pabulib_view"), {"pool": "city"}, headers={"host": HOST}
    )
    text = response.content.decode()
    votes = text.split("VOTES\n", 1)[1].splitlines()
    assert votes[0] == "voter_id;vote"
    ids = [int(line.split(";")[0]) for line in votes[1:]]
    assert sorted(ids) == list(range(1, 54))  # 30 + 14 + 9 ballots chose city-wide projects
    assert "@" not in text
    assert "Parks squares" in text  # ";" and "," never split a cell or a category list
    district = client.get(
        cycle.url + cycle.reverse_subpage("pabulib_view"),
        {"pool": f"district-{cycle.source_districts()[0].pk}"},
        headers={"host": HOST},
    ).content.decode()
    assert "'=HYPERLINK(1)" in district  # a formula is written as text
    assert ";=" not in district


def test_no_file_before_the_results_or_for_an_unknown_pool(client):
    voting = make_cycle(phase="voting")
    path = voting.url + voting.reverse_subpage("pabulib_view")
    assert client.get(path, headers={"host": HOST}).status_code == 404
    cycle = counted_cycle("mes")
    path = cycle.url + cycle.reverse_subpage("pabulib_view")
    assert client.get(path, {"pool": "district-0"}, headers={"host": HOST}).status_code == 404
    # Two pools: the file must be named.
    assert client.get(path, headers={"host": HOST}).status_code == 404


def test_checker_reports_a_wrong_winner(client):
    """The check above can fail: a file whose winners break its rule is refused."""
    cycle = counted_cycle("greedy")
    text = client.get(
        cycle.url + cycle.reverse_subpage("pabulib_view"), {"pool": "city"}, headers={"host": HOST}
    ).content.decode()
    lines = text.splitlines()
    start = lines.index("PROJECTS") + 2
    first = lines[start].rsplit(";", 1)
    lines[start] = first[0] + (";0" if first[1] == "1" else ";1")
    assert check("\n".join(lines) + "\n") != {}
