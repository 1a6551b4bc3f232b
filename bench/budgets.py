"""How counting and the results page of a participatory budget scale: the time to count N
ballots with each rule (greedy, the Method of Equal Shares, and MES completed by add1 and
by votes, through pabutools) and the
queries and render time of the results page and the Pabulib file.

Run against a database that holds the demo (it adds a cycle inside a transaction and rolls
it back):

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/budgets.py 1000 100000
"""

import random
import sys
from decimal import Decimal

from common import TERNOPIL, count_queries, rolled_back, timed
from django.test import Client

from plugins.budgets.counting import count
from plugins.budgets.models import Ballot, BallotChoice, BudgetCyclePage, CountingRule
from plugins.budgets.tests.cycle_helpers import make_cycle, make_projects

PROJECTS = 24


def ballots(cycle, projects, number):
    rng = random.Random(number)
    weights = [PROJECTS - index + 2 for index in range(PROJECTS)]
    made = Ballot.objects.bulk_create([Ballot(cycle=cycle) for _ in range(number)], 5000)
    choices = []
    for ballot in made:
        picks = {rng.choices(projects, weights=weights)[0] for _ in range(rng.randint(1, 5))}
        choices.extend(BallotChoice(ballot=ballot, project=p) for p in picks)
    BallotChoice.objects.bulk_create(choices, 5000)


def measure(number):
    client = Client()
    row = {"ballots": number}
    with rolled_back():
        cycle = make_cycle(
            phase="results",
            total=Decimal(5_000_000),
            districts=[("A", 1_000_000), ("B", 1_000_000)],
        )
        a, b = cycle.source_districts()
        rng = random.Random(1)
        costs = [rng.randrange(50_000, 900_000, 1000) for _ in range(PROJECTS)]
        projects = make_projects(cycle, costs[:16])
        projects += make_projects(cycle, costs[16:20], district=a)
        projects += make_projects(cycle, costs[20:], district=b)
        ballots(cycle, projects, number)
        for rule in (CountingRule.GREEDY, CountingRule.MES, CountingRule.MES_COMPLETED):
            BudgetCyclePage.objects.filter(pk=cycle.pk).update(counting_rule=rule)
            row[f"count {rule} (s)"] = timed(lambda: count(cycle), repeat=1)
        path = cycle.url + cycle.reverse_subpage("results_view")
        client.get(path, headers=TERNOPIL)
        row["results queries"] = count_queries(client, path)
        row["results page (s)"] = timed(lambda: client.get(path, headers=TERNOPIL))
        pb = cycle.url + cycle.reverse_subpage("pabulib_view") + "?pool=city"
        row["Pabulib file (s)"] = timed(lambda: client.get(pb, headers=TERNOPIL), repeat=1)
    return row


def main(sizes):
    rows = [measure(int(size)) for size in sizes]
    header = list(rows[0])
    print(" | ".join(header))
    for row in rows:
        print(
            " | ".join(
                f"{row[key]:.2f}" if isinstance(row[key], float) else str(row[key])
                for key in header
            )
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["1000", "100000"])
