"""The Method of Equal Shares completed as cities count it ("add1", then by votes): the
winners are those pabutools computes directly, and less money stays unspent than with the
plain method."""

import html
import random
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import min_cost_tie_breaking

from plugins.budgets.counting import count
from plugins.budgets.pabulib import pabulib_files
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects
from plugins.budgets.tests.test_counting import majority_and_minority, selected
from plugins.budgets.tests.test_pabulib import check

pytestmark = pytest.mark.django_db

COMPLETION = (
    "So that less money stays unspent, the count was then repeated with every voter's share "
    "raised a little at a time, as long as the projects chosen still fit in the real budget. "
    "The money still left after that went to the remaining projects by the number of votes, "
    "most votes first, while it lasted. A project nobody voted for is not funded."
)


def completed_by_pabutools(cycle, budget):
    """pabutools run directly: MES raised by one unit per voter, then greedy by votes."""
    ballots = [
        list(ballot.choices.values_list("project_id", flat=True)) for ballot in cycle.ballots.all()
    ]
    voted = {pk for chosen in ballots for pk in chosen}
    projects = {p.pk: Project(str(p.pk), p.cost) for p in cycle.projects() if p.pk in voted}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot(projects[pk] for pk in c) for c in ballots if c])
    outcome = completion_by_rule_combination(
        instance,
        profile,
        [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
        [
            {
                "rule": method_of_equal_shares,
                "rule_params": {"sat_class": Cost_Sat, "tie_breaking": min_cost_tie_breaking},
                "budget_step": len(profile),
            },
            {"sat_class": Cost_Sat, "tie_breaking": min_cost_tie_breaking},
        ],
    )
    return {int(p.name) for p in outcome}


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
    assert selected(completed) == completed_by_pabutools(completed, 100)


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
    assert selected(cycle) == completed_by_pabutools(cycle, 120)


def test_the_pabulib_file_passes_the_checker_and_explains_the_rule(client):
    cycle, _projects = majority_and_minority("mes_completed")
    count(cycle)
    (name_text,) = [text for _pool, _name, text in pabulib_files(cycle)]
    assert check(name_text) == {}
    assert "rule;unknown" in name_text
    response = client.get(
        cycle.url + cycle.reverse_subpage("results_view"),
        headers={"host": "ternopil.localhost"},
    )
    with translation.override("uk"):
        explanation = gettext(COMPLETION)
    assert explanation != COMPLETION
    assert explanation in html.unescape(response.content.decode())
