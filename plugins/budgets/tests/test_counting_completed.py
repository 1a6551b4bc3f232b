"""The Method of Equal Shares completed as cities count it ("add1", then by votes): the Add1
winners are those pabulib-checker computes itself, the completion's those pabutools adds,
less money stays unspent than with the plain method, and the Pabulib file says which
project each stage funded."""

import html
import random
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pabulib.checker import Checker
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import greedy_utilitarian_welfare
from pabutools.tiebreaking import min_cost_tie_breaking

from plugins.budgets.counting import count
from plugins.budgets.pabulib import pabulib_files
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects
from plugins.budgets.tests.test_counting import majority_and_minority, selected
from plugins.budgets.tests.test_pabulib import check_report

pytestmark = pytest.mark.django_db

COMPLETION = (
    "So that less money stays unspent, the count was then repeated with every voter's share "
    "raised a little at a time, as long as the projects chosen still fit in the real budget. "
    "The money still left after that went to the remaining projects by the number of votes, "
    "most votes first, while it lasted. A project nobody voted for is not funded."
)


def completed_reference(cycle, budget):
    """(Add1 winners, all winners) computed apart from our code: Add1 by pabulib-checker's
    own implementation, the greedy completion by pabutools from those winners."""
    ballots = [
        list(ballot.choices.values_list("project_id", flat=True)) for ballot in cycle.ballots.all()
    ]
    checker = Checker()
    checker.meta = {"budget": str(budget), "vote_type": "approval"}
    checker.projects = {str(p.pk): {"cost": str(p.cost)} for p in cycle.projects()}
    checker.votes = {
        str(number): {"vote": ",".join(str(pk) for pk in chosen)}
        for number, chosen in enumerate(ballots, start=1)
    }
    add1 = {int(pk) for pk in checker._compute_equalshares_winners(add1=True)}
    voted = {pk for chosen in ballots for pk in chosen}
    projects = {p.pk: Project(str(p.pk), p.cost) for p in cycle.projects() if p.pk in voted}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot(projects[pk] for pk in c) for c in ballots if c])
    outcome = greedy_utilitarian_welfare(
        instance,
        profile,
        sat_class=Cost_Sat,
        tie_breaking=min_cost_tie_breaking,
        initial_budget_allocation=[projects[pk] for pk in add1],
    )
    return add1, {int(p.name) for p in outcome}


def completed_by_reference(cycle, budget):
    return completed_reference(cycle, budget)[1]


def marks(text):
    """{project id: the file's `selected`}."""
    instance, _profile = parse_pabulib_from_string(text)
    return {int(p.name): instance.project_meta[p]["selected"] for p in instance}


def spent(cycle, projects):
    winners = selected(cycle)
    return sum(p.cost for p in projects if p.pk in winners)


def test_completion_spends_at_least_as_much_as_plain_equal_shares():
    plain, plain_projects = majority_and_minority("mes")
    completed, projects = majority_and_minority("mes_completed")
    count(plain)
    count(completed)
    assert spent(completed, projects) >= spent(plain, plain_projects)
    assert spent(completed, projects) <= Decimal(100)
    a, _b, minority, _small = projects
    assert {a.pk, minority.pk} <= selected(completed)  # still fair to the minority
    assert selected(completed) == completed_by_reference(completed, 100)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_winners_match_pabutools_on_random_instances(seed):
    rng = random.Random(seed)
    costs = rng.sample(range(5, 60), 9)
    cycle = make_cycle(counting_rule="mes_completed", total=Decimal(120))
    projects = make_projects(cycle, costs)
    camps = [projects[:5], projects[5:]]
    for _voter in range(rng.randint(8, 20)):
        camp = rng.choice(camps)
        chosen = rng.sample(camp, rng.randint(1, 3))
        if rng.random() < 0.3:
            chosen.append(rng.choice(projects))
        cast(cycle, list(dict.fromkeys(chosen)))
    count(cycle)
    assert selected(cycle) == completed_by_reference(cycle, 120)


def test_the_pabulib_file_passes_the_checker_and_explains_the_rule(client):
    cycle, (a, b, minority, small) = majority_and_minority("mes_completed")
    count(cycle)
    (name_text,) = [text for _pool, _name, text in pabulib_files(cycle)]
    report = check_report(name_text)
    assert report.get("errors", {}) == {}
    # The one warning is about the data (nobody chose the maximum of 3 projects), not the rule.
    assert set(report.get("warnings", {})) == {"no_max_length_used"}
    assert "rule;equalshares/add1" in name_text
    assert "comment;#1: Counted by the Method of Equal Shares" in name_text
    # Add1 funded the first large project and the minority's; the completion, the small one.
    add1, _winners = completed_reference(cycle, 100)
    assert add1 == {a.pk, minority.pk}
    assert marks(name_text) == {a.pk: "1", minority.pk: "1", small.pk: "2", b.pk: "0"}
    response = client.get(
        cycle.url + cycle.reverse_subpage("results_view"),
        headers={"host": "ternopil.localhost"},
    )
    with translation.override("uk"):
        explanation = gettext(COMPLETION)
        by_completion = gettext("with the money left, by votes")
    assert explanation != COMPLETION and by_completion != "with the money left, by votes"
    page = html.unescape(response.content.decode())
    assert explanation in page
    # The results say which winner the completion funded: the small project only.
    assert page.count(f"({by_completion})") == 1
    row = page[page.index(f"/projects/{small.pk}/") :]
    assert row.index(f"({by_completion})") < row.index("</tr>")


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_random_pools_files_pass_the_checker_with_add1_verified(seed):
    rng = random.Random(seed)
    costs = rng.sample(range(5, 60), 9)
    cycle = make_cycle(counting_rule="mes_completed", total=Decimal(110))
    projects = make_projects(cycle, costs)
    for _voter in range(rng.randint(10, 25)):
        cast(cycle, rng.sample(projects, rng.randint(1, 3)))
    count(cycle)
    (text,) = [text for _pool, _name, text in pabulib_files(cycle)]
    assert check_report(text).get("errors", {}) == {}
    add1, winners = completed_reference(cycle, 110)
    assert {pk for pk, mark in marks(text).items() if mark == "1"} == add1
    assert {pk for pk, mark in marks(text).items() if mark != "0"} == winners


def test_a_pool_where_every_voted_project_fits_is_written_as_verifiable_greedy():
    """pabulib-checker 1.0.8 loops for ever on Add1 when every voted project fits (the
    raised budget always fits): such a pool's outcome is those projects, written as
    greedy with a threshold of one vote."""
    cycle = make_cycle(counting_rule="mes_completed", total=Decimal(100))
    cheap, other, unvoted = make_projects(cycle, [20, 35, 90])
    cast(cycle, [cheap], times=3)
    cast(cycle, [cheap, other], times=2)
    count(cycle)
    (text,) = [text for _pool, _name, text in pabulib_files(cycle)]
    assert "rule;greedy-threshold" in text and "min_project_score_threshold;1" in text
    assert "Every project with at least one vote fits in the budget" in text
    assert check_report(text).get("errors", {}) == {}
    assert marks(text) == {cheap.pk: "1", other.pk: "1", unvoted.pk: "0"}
