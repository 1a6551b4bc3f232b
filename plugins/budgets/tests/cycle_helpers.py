"""Budget cycles, projects and ballots for the counting, results and public pages' tests."""

import itertools
import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from plugins.budgets.models import (
    Ballot,
    BallotChoice,
    BudgetCategory,
    BudgetCyclePage,
    BudgetDistrict,
    BudgetProject,
    ProjectStatus,
)

_numbers = itertools.count(1)

#: (proposals_open, proposals_close, review_close, voting_open, voting_close, results_at)
#: in days from now, per phase the cycle should be in.
PHASE_DAYS = {
    "proposals": (-5, 5, 10, 15, 20, 25),
    "review": (-30, -10, 5, 10, 20, 25),
    "voting": (-30, -25, -20, -5, 5, 10),
    "counting": (-30, -25, -20, -10, -2, 3),
    "results": (-30, -25, -20, -10, -5, -1),
}


def site(slug="ternopil"):
    return Site.objects.get(site_name=slug)


def make_cycle(
    phase="results", districts=(), categories=(), total=Decimal(100), slug_site="ternopil", **kw
):
    """A live cycle under the site's home in its default language. `districts`: (name,
    amount) pairs."""
    home = site(slug_site).root_page.specific
    now = timezone.now()
    days = dict(
        zip(
            (
                "proposals_open",
                "proposals_close",
                "review_close",
                "voting_open",
                "voting_close",
                "results_at",
            ),
            (now + timedelta(days=d) for d in PHASE_DAYS[phase]),
            strict=True,
        )
    )
    number = next(_numbers)
    page = BudgetCyclePage(
        title=kw.pop("title", f"Civic budget {number}"),
        slug=f"budget-{number}-{uuid.uuid4().hex[:6]}",
        total_amount=total,
        currency=kw.pop("currency", "UAH"),
        **days,
        **kw,
    )
    for name, amount in districts:
        page.districts.add(BudgetDistrict(name=name, amount=Decimal(amount)))
    for name in categories:
        page.categories.add(BudgetCategory(name=name))
    home.add_child(instance=page)
    page.save_revision().publish()
    return BudgetCyclePage.objects.get(pk=page.pk)


def make_projects(cycle, costs, district=None, status=ProjectStatus.FEASIBLE, **kw):
    """Feasible projects of `cycle` with `costs`, in that order (ids increasing)."""
    return [
        BudgetProject.objects.create(
            cycle=cycle,
            title=kw.get("title", f"Project {index + 1}"),
            description="What it builds.",
            cost_estimate=Decimal(cost),
            district=district,
            status=status,
            **{k: v for k, v in kw.items() if k != "title"},
        )
        for index, cost in enumerate(costs)
    ]


def cast(cycle, choices, times=1):
    """`times` anonymous ballots each choosing the projects `choices`."""
    ballots = Ballot.objects.bulk_create([Ballot(cycle=cycle) for _ in range(times)])
    if not ballots or ballots[0].pk is None:  # backends that return no ids
        ballots = list(Ballot.objects.filter(cycle=cycle).order_by("-pk")[:times])
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=b, project=p) for b in ballots for p in choices]
    )
    return ballots
