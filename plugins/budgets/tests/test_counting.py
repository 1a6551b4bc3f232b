"""Counting: the winners are those pabutools computes on the same instance, for both rules."""

import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pabutools.election import (
    ApprovalBallot,
    ApprovalProfile,
    Cost_Sat,
    Instance,
    Project,
)
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import min_cost_tie_breaking

from plugins.budgets.counting import count, count_due
from plugins.budgets.models import ProjectResult, ProjectStatus
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects

pytestmark = pytest.mark.django_db


def pabutools_winners(costs, ballots, budget, rule):
    """The winners pabutools computes, from a plain profile (one ballot per voter)."""
    projects = {pk: Project(str(pk), cost) for pk, cost in costs.items()}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile(
        [ApprovalBallot(projects[pk] for pk in chosen) for chosen in ballots if chosen]
    )
    if rule == "mes":
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, tie_breaking=min_cost_tie_breaking
        )
    else:
        voted = {p for ballot in profile for p in ballot}
        instance = Instance(voted, budget_limit=budget)
        outcome = greedy_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, tie_breaking=min_cost_tie_breaking
        )
    return {int(p.name) for p in outcome}


def selected(cycle):
    return set(
        ProjectResult.objects.filter(cycle=cycle, selected=True).values_list(
            "project_id", flat=True
        )
    )


def majority_and_minority(rule):
    """Six voters want two large projects, four want one project of their own."""
    cycle = make_cycle(counting_rule=rule, total=Decimal(100))
    large_a, large_b, minority, small = make_projects(cycle, [40, 40, 30, 10])
    cast(cycle, [large_a, large_b], times=6)
    cast(cycle, [minority], times=4)
    cast(cycle, [small, large_a], times=1)
    return cycle, (large_a, large_b, minority, small)


def test_greedy_funds_the_majority_and_equal_shares_the_minority_too():
    greedy_cycle, (a, b, minority, small) = majority_and_minority("greedy")
    count(greedy_cycle)
    assert selected(greedy_cycle) == {a.pk, b.pk, small.pk}

    mes_cycle, (a2, b2, minority2, small2) = majority_and_minority("mes")
    count(mes_cycle)
    assert minority2.pk in selected(mes_cycle)
    assert a2.pk in selected(mes_cycle)
    assert b2.pk not in selected(mes_cycle)

    for cycle, projects in (
        (greedy_cycle, (a, b, minority, small)),
        (mes_cycle, (a2, b2, minority2, small2)),
    ):
        costs = {p.pk: p.cost for p in projects}
        ballots = [
            list(ballot.choices.values_list("project_id", flat=True))
            for ballot in cycle.ballots.all()
        ]
        assert selected(cycle) == pabutools_winners(costs, ballots, 100, cycle.counting_rule)


@pytest.mark.parametrize("rule", ["greedy", "mes"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_winners_match_pabutools_on_random_instances(rule, seed):
    """Random instances with distinct costs (so ties fall to the cheaper project in both)."""
    rng = random.Random(seed)
    costs = rng.sample(range(5, 60), 9)
    cycle = make_cycle(counting_rule=rule, total=Decimal(120))
    projects = make_projects(cycle, costs)
    # Two camps with their own favourites and a few voters who mix.
    camps = [projects[:5], projects[5:]]
    ballots = []
    for voter in range(60):
        camp = camps[0] if voter < 40 else camps[1]
        chosen = rng.sample(camp, rng.randint(1, 3))
        if rng.random() < 0.2:
            chosen.append(rng.choice(projects))
        chosen = list({p.pk: p for p in chosen}.values())
        cast(cycle, chosen)
        ballots.append([p.pk for p in chosen])

    count(cycle)

    expected = pabutools_winners({p.pk: p.cost for p in projects}, ballots, 120, rule)
    assert selected(cycle) == expected
    assert expected, "an instance where nothing wins tests nothing"
    statuses = dict(cycle.projects().values_list("pk", "status"))
    assert {pk for pk, s in statuses.items() if s == ProjectStatus.SELECTED} == expected
    assert {pk for pk, s in statuses.items() if s == ProjectStatus.NOT_SELECTED} == {
        p.pk for p in projects
    } - expected


HAND_WRITTEN = """META
key;value
description;Hand-written example
country;Worldwide
unit;Example
instance;2024
num_projects;5
num_votes;10
budget;100
vote_type;approval
rule;equalshares
date_begin;01.01.2024
date_end;31.01.2024
PROJECTS
project_id;cost;name
1;60;Park
2;50;Library
3;30;Playground
4;20;Benches
5;15;Bike racks
VOTES
voter_id;vote
1;1,3
2;1,3
3;1,2
4;1,2
5;1,4
6;1
7;2,5
8;2,5
9;2
10;3
"""


@pytest.mark.parametrize("rule", ["greedy", "mes"])
def test_a_pabulib_file_loaded_and_counted_gives_the_winners_of_pabutools(rule):
    instance, profile = parse_pabulib_from_string(HAND_WRITTEN)
    cycle = make_cycle(counting_rule=rule, total=Decimal(str(instance.budget_limit)))
    by_name = {}
    for project in sorted(instance, key=lambda p: int(p.name)):
        by_name[project.name] = make_projects(cycle, [str(project.cost)], title=project.name)[0]
    for ballot in profile:
        cast(cycle, [by_name[p.name] for p in ballot])

    count(cycle)

    if rule == "mes":
        expected = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    else:
        expected = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    assert selected(cycle) == {by_name[p.name].pk for p in expected}


def test_districts_are_counted_separately_from_the_city_wide_pool():
    cycle = make_cycle(districts=[("North", 50), ("South", 50)], total=Decimal(150))
    north, south = cycle.source_districts()
    city = make_projects(cycle, [60, 45])
    north_projects = make_projects(cycle, [30, 30], district=north)
    south_projects = make_projects(cycle, [50], district=south)
    cast(cycle, [city[0], north_projects[0]], times=5)
    cast(cycle, [city[1], north_projects[1], south_projects[0]], times=3)

    count(cycle)

    # City-wide: 150 - 100 = 50 left for the city pool: only the project of 45 fits.
    # North: 50 fits one of the two projects of 30: the one with more votes.
    assert selected(cycle) == {city[1].pk, north_projects[0].pk, south_projects[0].pk}
    ranks = dict(ProjectResult.objects.filter(cycle=cycle).values_list("project_id", "rank"))
    assert ranks[north_projects[0].pk] == 1 and ranks[north_projects[1].pk] == 2


def test_greedy_never_funds_a_project_nobody_voted_for():
    cycle = make_cycle(total=Decimal(100))
    voted, unvoted = make_projects(cycle, [50, 10])
    cast(cycle, [voted], times=3)
    count(cycle)
    assert selected(cycle) == {voted.pk}
    assert cycle.projects().get(pk=unvoted.pk).status == ProjectStatus.NOT_SELECTED


def test_infeasible_and_withdrawn_projects_are_not_counted():
    cycle = make_cycle(total=Decimal(100))
    (feasible,) = make_projects(cycle, [50])
    (infeasible,) = make_projects(cycle, [10], status=ProjectStatus.INFEASIBLE)
    cast(cycle, [feasible], times=2)
    count(cycle)
    assert set(ProjectResult.objects.filter(cycle=cycle).values_list("project_id", flat=True)) == {
        feasible.pk
    }
    assert cycle.projects().get(pk=infeasible.pk).status == ProjectStatus.INFEASIBLE


def test_closed_cycles_are_counted_once_by_the_scheduler_and_again_on_request():
    cycle = make_cycle(phase="counting", total=Decimal(100))
    open_cycle = make_cycle(phase="voting", total=Decimal(100))
    a, b = make_projects(cycle, [60, 60])
    (c,) = make_projects(open_cycle, [10])
    cast(cycle, [a], times=2)
    cast(cycle, [b], times=1)
    cast(open_cycle, [c])

    first = count_due()
    assert cycle in first and open_cycle not in first
    assert cycle not in count_due()  # counted once: not due again
    assert selected(cycle) == {a.pk}
    assert not ProjectResult.objects.filter(cycle=open_cycle).exists()

    # An editor recounts after a correction: the stored outcome is replaced.
    cast(cycle, [b], times=2)
    call_command("count_budget", str(cycle.pk), stdout=io.StringIO())
    assert selected(cycle) == {b.pk}
    assert ProjectResult.objects.filter(cycle=cycle).count() == 2
    assert all(r.computed_at <= timezone.now() for r in ProjectResult.objects.filter(cycle=cycle))


def test_count_budget_refuses_an_unknown_cycle_or_open_voting():
    open_cycle = make_cycle(phase="voting")
    with pytest.raises(CommandError):
        call_command("count_budget", "999999999", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("count_budget", str(open_cycle.pk), stdout=io.StringIO())
    assert not ProjectResult.objects.filter(cycle=open_cycle).exists()
