"""Counting a cycle's ballots into winners, with the rules of pabutools.

A cycle is counted pool by pool: each district with its own amount counts the projects of
that district, and the city-wide pool (the total minus the districts' amounts; the whole
total when the cycle has no districts) counts the projects of no district. Every ballot
takes part in each pool where it chose something.

The rules, as Pabulib names them:

- `greedy` ("greedy" with a threshold of one vote): projects by votes, most first; each one
  that still fits in the money left is funded, one that does not is skipped. In pabutools:
  `greedy_utilitarian_welfare` with cost satisfaction (a voter's satisfaction is the cost of
  the approved projects, so satisfaction per unit of cost is the number of votes). Projects
  nobody voted for are not funded, even when money is left.
- `mes` ("equalshares"): the Method of Equal Shares with cost utilities, without a
  completion: the budget is split equally among the voters; a project is funded when its
  supporters can pay for it together, the project whose supporters pay the least per unit of
  cost first; money that no group can use is left over. In pabutools:
  `method_of_equal_shares` with cost satisfaction.
- `mes_completed` ("equalshares/add1" followed by greedy completion, as cities using the
  method count): the Method of Equal Shares is run again with every voter's share raised by
  one unit of money at a time, as long as the winners still fit in the real budget; the
  money still left then goes to the remaining projects by votes, most first (projects nobody
  voted for are not funded). In pabutools: `completion_by_rule_combination` of
  `exhaustion_by_budget_increase` (over `method_of_equal_shares`, a step of one unit per
  voter) and `greedy_utilitarian_welfare`, both with cost satisfaction.

Ties are broken in favour of the cheaper project, then the one with more votes, then the
one proposed first; pabulib-checker breaks ties the same way.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from pabutools.election import (
    ApprovalMultiProfile,
    Cost_Sat,
    FrozenApprovalBallot,
    Instance,
    Project,
)
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from cms.core.frontcache import purge_tags
from plugins.budgets.models import (
    BallotChoice,
    BudgetCyclePage,
    BudgetDistrict,
    BudgetProject,
    CountingRule,
    ProjectResult,
    ProjectStatus,
)

#: The projects that are on the ballot: feasible ones, and those a count already decided.
COUNTED_STATUSES = (ProjectStatus.FEASIBLE, ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED)

#: Pabulib's name of each counting rule.
PABULIB_RULES = {
    CountingRule.GREEDY: "greedy-threshold",
    CountingRule.MES: "equalshares",
    # pabulib-checker knows no value for "add1" followed by greedy completion.
    CountingRule.MES_COMPLETED: "unknown",
}


@dataclass
class Pool:
    """The projects that share one amount of money, and the ballots that chose any of them
    (each as the set of its chosen projects' ids in this pool)."""

    district: BudgetDistrict | None
    budget: Decimal
    projects: list = field(default_factory=list)
    ballots: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"district-{self.district.pk}" if self.district else "city"

    def votes(self):
        counts = Counter()
        for chosen in self.ballots.values():
            counts.update(chosen)
        return counts


def as_fraction(amount):
    return Fraction(str(amount))


def tie_breaking(votes):
    """Cheaper first, then more votes, then the earlier project (by id)."""
    return TieBreakingRule(lambda instance, profile, p: (p.cost, -votes[p.name], int(p.name)))


def select(costs, ballots, budget, rule):
    """The ids of the winning projects. `costs`: {project id: cost}, `ballots`: iterable of
    sets of chosen project ids, `budget`: the money, `rule`: a `CountingRule`."""
    votes = Counter()
    multiplicity = Counter()
    for chosen in ballots:
        chosen = frozenset(str(pk) for pk in chosen if pk in costs)
        if chosen:
            multiplicity[chosen] += 1
            votes.update(chosen)
    if rule in (CountingRule.GREEDY, CountingRule.MES_COMPLETED):
        # "greedy-threshold" with one vote: a project nobody chose is never funded.
        costs = {pk: cost for pk, cost in costs.items() if votes[str(pk)] > 0}
    projects = {str(pk): Project(str(pk), as_fraction(cost)) for pk, cost in costs.items()}
    instance = Instance(projects.values(), budget_limit=as_fraction(budget))
    profile = ApprovalMultiProfile(instance=instance)
    for chosen, count in multiplicity.items():
        ballot = FrozenApprovalBallot(projects[name] for name in chosen if name in projects)
        if ballot:
            profile[ballot] = profile.get(ballot, 0) + count
    if rule == CountingRule.MES_COMPLETED:
        if not multiplicity:
            return set()
        ties = tie_breaking(votes)
        # Separate dicts: pabutools writes the allocation so far into a rule's parameters.
        outcome = completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [
                {
                    "rule": method_of_equal_shares,
                    "rule_params": {"sat_class": Cost_Sat, "tie_breaking": ties},
                    "budget_step": profile.num_ballots(),
                },
                {"sat_class": Cost_Sat, "tie_breaking": ties},
            ],
        )
    elif rule == CountingRule.MES:
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, tie_breaking=tie_breaking(votes)
        )
    else:
        outcome = greedy_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, tie_breaking=tie_breaking(votes)
        )
    return {int(project.name) for project in outcome}


def source_cycle(cycle):
    """The language version of `cycle` its projects and ballots belong to."""
    return cycle.source if isinstance(cycle, BudgetCyclePage) else cycle


def pools_of(cycle):
    """The pools of `cycle` (its source version), each with its projects and ballots."""
    cycle = source_cycle(cycle)
    districts = list(cycle.source_districts())
    pools = {district.pk: Pool(district=district, budget=district.amount) for district in districts}
    city_budget = cycle.total_amount - sum((d.amount for d in districts), Decimal(0))
    pools[None] = Pool(district=None, budget=max(city_budget, Decimal(0)))
    projects = cycle.projects().filter(status__in=COUNTED_STATUSES).order_by("pk")
    pool_of_project = {}
    for project in projects:
        pool = pools.get(project.district_id, pools[None])
        pool.projects.append(project)
        pool_of_project[project.pk] = pool
    choices = (
        BallotChoice.objects.filter(project_id__in=pool_of_project.keys())
        .order_by("ballot_id", "project_id")
        .values_list("ballot_id", "project_id")
    )
    for ballot_id, project_id in choices.iterator(chunk_size=5000):
        pool_of_project[project_id].ballots.setdefault(ballot_id, set()).add(project_id)
    return [pool for pool in pools.values() if pool.projects]


def count(cycle, now=None):
    """Count `cycle` (any language version) and store the outcome: a `ProjectResult` per
    project on the ballot and its status selected / not selected. Safe to run again: the
    stored outcome is replaced. Returns the stored results."""
    now = now or timezone.now()
    cycle = source_cycle(cycle)
    with transaction.atomic():
        # One count at a time per cycle (the scheduler and an editor may start one together).
        BudgetCyclePage.objects.select_for_update().filter(pk=cycle.pk).first()
        results = []
        for pool in pools_of(cycle):
            costs = {project.pk: project.cost for project in pool.projects}
            winners = select(costs, pool.ballots.values(), pool.budget, cycle.counting_rule)
            votes = pool.votes()
            ordered = sorted(pool.projects, key=lambda p: (-votes[p.pk], p.cost, p.pk))
            for rank, project in enumerate(ordered, start=1):
                results.append(
                    ProjectResult(
                        cycle_id=project.cycle_id,
                        project=project,
                        votes=votes[project.pk],
                        selected=project.pk in winners,
                        rank=rank,
                        computed_at=now,
                    )
                )
        ProjectResult.objects.filter(cycle__translation_key=cycle.translation_key).delete()
        ProjectResult.objects.bulk_create(results)
        selected = [result.project_id for result in results if result.selected]
        others = [result.project_id for result in results if not result.selected]
        BudgetProject.objects.filter(pk__in=selected).update(status=ProjectStatus.SELECTED)
        BudgetProject.objects.filter(pk__in=others).update(status=ProjectStatus.NOT_SELECTED)
        # Statuses and results changed without a save: purge what shows them (on commit).
        purge_tags({f"budget-cycle-{cycle.translation_key}"})
    return results


def due_cycles(now=None):
    """Source cycles whose voting has closed and that were not counted since."""
    now = now or timezone.now()
    closed_at = BudgetCyclePage.objects.filter(pk=OuterRef("cycle_id")).values("voting_close")
    counted = ProjectResult.objects.filter(computed_at__gte=Subquery(closed_at[:1]))
    closed = BudgetCyclePage.objects.filter(voting_close__lte=now).exclude(
        pk__in=counted.values("cycle_id")
    )
    return [page for page in closed if page.pk == page.source.pk]


def count_due(now=None):
    """Count every cycle whose voting has closed and that has no count since; returns them."""
    done = []
    for cycle in due_cycles(now):
        count(cycle, now=now)
        done.append(cycle)
    return done
