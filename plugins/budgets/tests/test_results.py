"""The results page: hidden until the results date, then the winners of each pool with every
count, the budget used, the rule in plain words and the ballot files."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from plugins.budgets.counting import count
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects

pytestmark = pytest.mark.django_db
HOST = "ternopil.localhost"


def results_html(client, cycle):
    response = client.get(cycle.url + cycle.reverse_subpage("results_view"), headers={"host": HOST})
    assert response.status_code == 200
    return response.content.decode()


def test_results_wait_for_their_date(client):
    cycle = make_cycle(phase="counting", total=Decimal(100))
    (project,) = make_projects(cycle, [50], title="Сквер")
    cast(cycle, [project], times=4)
    count(cycle)  # counted when voting closed, published only at the results date
    html = results_html(client, cycle)
    assert "Сквер" not in html
    assert "budget-results__table" not in html


@pytest.mark.parametrize("rule", ["greedy", "mes"])
def test_results_show_winners_counts_budget_used_and_the_rule(client, rule):
    cycle = make_cycle(counting_rule=rule, total=Decimal(150), districts=[("Північ", 50)])
    (north,) = cycle.source_districts()
    big, small = make_projects(cycle, [60, 45], title="Міський проєкт")
    (local,) = make_projects(cycle, [30], district=north, title="Дільничний проєкт")
    cast(cycle, [big, local], times=5)
    cast(cycle, [small], times=2)
    count(cycle)

    html = results_html(client, cycle)
    assert "Міський проєкт" in html and "Дільничний проєкт" in html
    assert "Північ" in html
    # The city-wide pool (150 - 50) funds the project of 60 and has no room for the one of 45;
    # the district funds its own project. The same under both rules here.
    assert html.count('class="is-selected"') == 2
    assert cycle.reverse_subpage("pabulib_view") + "?pool=city" in html
    assert f"?pool=district-{north.pk}" in html
    with translation.override("uk"):
        explained = gettext(
            "The winners were chosen by the Method of Equal Shares. The budget was divided "
            "equally among all voters, as if each had the same amount to spend. A project is "
            "funded when the people who voted for it can pay for it together from their "
            "shares. In each round, the project whose supporters pay the least for each unit "
            "of its cost is funded first, and they pay from their shares. This is repeated "
            "while some project can still be paid for."
        )
    if rule == "mes":
        assert explained in html
    else:
        assert explained not in html
