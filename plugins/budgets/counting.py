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
- `mes_completed` ("equalshares/add1", then a greedy completion, as cities using the method
  count): the Method of Equal Shares, then "Add1" as Pabulib and pabulib-checker define it:
  each voter's share is set to whole units of money and raised by one unit at a time, the
  outcome kept while its winners still fit in the real budget; the money still left then
  goes to the remaining projects by votes, most first (projects nobody voted for are not
  funded). The equal-shares runs are pabutools' `method_of_equal_shares`, the completion
  its `greedy_utilitarian_welfare` from the Add1 winners, both with cost satisfaction. (Its
  `exhaustion_by_budget_increase` starts from the exact share instead of whole units and
  stops at the first exhaustive outcome, which picks other winners than Pabulib's Add1 in
  about one pool in ten.) The projects the completion funded are stored as such and
  marked `selected` 2 in the Pabulib file, so the Add1 winners can be checked on their own.

Ties are broken in favour of the cheaper project, then the one with more votes, then the
one proposed first; pabulib-checker breaks ties the same way.
"""

from collections import Counter
from copy import deepcopy
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
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
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
    # Add1 as the file's rule; the greedy completion's projects are marked `selected` 2
    # and explained in the file's comment (the format has no value for both together).
    CountingRule.MES_COMPLETED: "equalshares/add1",
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
    return select_stages(costs, ballots, budget, rule)[0]


def equal_shares_add1(instance, profile, params):
    """The Method of Equal Shares completed by Add1 as Pabulib defines it: the budget is
    set to whole units per voter and raised by one unit per voter while the winners of
    the raised budget fit in the real one."""
    outcome = method_of_equal_shares(instance, profile, **params)
    voters = profile.num_ballots()
    approved = {project for ballot in profile for project in ballot}
    raised = deepcopy(instance)
    raised.budget_limit = (instance.budget_limit // voters) * voters
    while set(outcome) != approved:
        raised.budget_limit += voters
        larger = method_of_equal_shares(raised, profile, **params)
        if not instance.is_feasible(larger):
            break
        outcome = larger
    return outcome


def select_stages(costs, ballots, budget, rule):
    """(winners, completed): the ids of the winning projects, and of those among them that
    a completion funded with the money the rule itself left (only `mes_completed` has one).
    Arguments as for `select`."""
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
    params = {"sat_class": Cost_Sat, "tie_breaking": tie_breaking(votes)}
    if rule == CountingRule.MES_COMPLETED:
        if not multiplicity:
            return set(), set()
        add1 = equal_shares_add1(instance, profile, params)
        outcome = greedy_utilitarian_welfare(
            instance, profile, initial_budget_allocation=add1, **params
        )
        winners = {int(project.name) for project in outcome}
        return winners, winners - {int(project.name) for project in add1}
    if rule == CountingRule.MES:
        outcome = method_of_equal_shares(instance, profile, **params)
    else:
        outcome = greedy_utilitarian_welfare(instance, profile, **params)
    return {int(project.name) for project in outcome}, set()


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
            winners, completed = select_stages(
                costs, pool.ballots.values(), pool.budget, cycle.counting_rule
            )
            votes = pool.votes()
            ordered = sorted(pool.projects, key=lambda p: (-votes[p.pk], p.cost, p.pk))
            for rank, project in enumerate(ordered, start=1):
                results.append(
                    ProjectResult(
                        cycle_id=project.cycle_id,
                        project=project,
                        votes=votes[project.pk],
                        selected=project.pk in winners,
                        by_completion=project.pk in completed,
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
