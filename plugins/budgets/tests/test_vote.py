"""Voting: the ballot rules of a cycle, one ballot per citizen that can be changed until
voting closes, and every refusal changes nothing."""

import re
from decimal import Decimal

import pytest

from plugins.budgets.models import Ballot, BallotChoice, BudgetProject, ProjectStatus
from plugins.budgets.voting import BallotRefused, cast_ballot

from .citizens import HOST, make_citizen, url
from .cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


def _votes(projects):
    return [BudgetProject.objects.get(pk=p.pk).votes for p in projects]


def _choices(ballot):
    return sorted(BallotChoice.objects.filter(ballot=ballot).values_list("project_id", flat=True))


def test_approval_ballot_is_stored_and_replaced_with_the_counts_following():
    cycle = make_cycle("voting", ballot_rule="approval", max_choices=2)
    a, b, c = make_projects(cycle, [10, 20, 30])
    citizen = make_citizen()
    ballot = cast_ballot(cycle, [str(a.pk), str(b.pk)], user=citizen)
    assert _choices(ballot) == [a.pk, b.pk]
    assert _votes([a, b, c]) == [1, 1, 0]
    again = cast_ballot(cycle, [str(b.pk), str(c.pk)], user=citizen)
    assert again.pk == ballot.pk
    assert Ballot.objects.filter(cycle=cycle, voter=citizen).count() == 1
    assert _choices(again) == [b.pk, c.pk]
    assert _votes([a, b, c]) == [0, 1, 1]


@pytest.mark.parametrize(
    ("rule", "chosen", "message"),
    [
        ("approval", [0, 1, 2], "at most 2 projects"),
        ("knapsack", [1, 2], "more than the"),
        ("approval", [], "at least one"),
        ("approval", [3], "cannot be voted for"),  # infeasible
        ("approval", [4], "cannot be voted for"),  # withdrawn
        ("approval", [5], "cannot be voted for"),  # another cycle's
    ],
)
def test_refused_ballots_change_nothing(rule, chosen, message):
    cycle = make_cycle("voting", ballot_rule=rule, max_choices=2, total=Decimal(60))
    projects = make_projects(cycle, [10, 30, 40])
    projects += make_projects(cycle, [5], status=ProjectStatus.INFEASIBLE)
    projects += make_projects(cycle, [5], status=ProjectStatus.WITHDRAWN)
    projects += make_projects(make_cycle("voting"), [5])
    citizen = make_citizen()
    previous = cast_ballot(cycle, [str(projects[0].pk)], user=citizen)
    with pytest.raises(BallotRefused) as refused:
        cast_ballot(cycle, [str(projects[i].pk) for i in chosen], user=citizen)
    assert message in str(refused.value.message)
    assert _choices(previous) == [projects[0].pk]
    assert _votes(projects) == [1, 0, 0, 0, 0, 0]


def test_knapsack_within_the_money_of_each_part_of_the_budget():
    """North has 50, South 600, the whole city what is left: 350."""
    cycle = make_cycle(
        "voting",
        ballot_rule="knapsack",
        total=Decimal(1000),
        districts=[("North", 50), ("South", 600)],
    )
    north, south = cycle.source_districts()
    in_north = make_projects(cycle, [30, 30], district=north)
    citywide = make_projects(cycle, [15, 340])
    in_south = make_projects(cycle, [500], district=south)
    citizen = make_citizen()
    with pytest.raises(BallotRefused):  # 60 > North's 50
        cast_ballot(cycle, [str(p.pk) for p in in_north], user=citizen, district_id=north.pk)
    with pytest.raises(BallotRefused):  # 355 > the city's 350
        cast_ballot(cycle, [str(p.pk) for p in citywide], user=citizen, district_id=north.pk)
    with pytest.raises(BallotRefused):  # a South project on a North ballot
        cast_ballot(cycle, [str(in_south[0].pk)], user=citizen, district_id=north.pk)
    with pytest.raises(BallotRefused):  # no district chosen
        cast_ballot(cycle, [str(citywide[0].pk)], user=citizen)
    assert not Ballot.objects.filter(cycle=cycle).exists()
    # 30 of North's 50 and 340 of the city's 350: each part fits its own money.
    ballot = cast_ballot(
        cycle, [str(in_north[0].pk), str(citywide[1].pk)], user=citizen, district_id=north.pk
    )
    assert ballot.district == north
    other = cast_ballot(cycle, [str(in_south[0].pk)], user=make_citizen(), district_id=south.pk)
    assert _choices(other) == [in_south[0].pk]


def test_the_ballot_form_shows_the_money_of_each_part(client):
    cycle = make_cycle(
        "voting", ballot_rule="knapsack", total=Decimal(1000), districts=[("North", 50)]
    )
    north = cycle.source_districts().get()
    make_projects(cycle, [30], district=north)
    make_projects(cycle, [15])
    client.force_login(make_citizen())
    form = client.get(url(cycle, "vote_view") + f"?district={north.pk}", headers={"host": HOST})
    html = form.content.decode()
    assert 'data-pool="city" data-limit="950.00"' in html
    assert f'data-pool="d{north.pk}" data-limit="50.00"' in html
    assert "North:" in html and "950,00" in html


@pytest.mark.parametrize("phase", ["proposals", "counting", "results"])
def test_no_ballot_outside_the_voting_phase(phase):
    cycle = make_cycle(phase)
    project = make_projects(cycle, [10])[0]
    with pytest.raises(BallotRefused):
        cast_ballot(cycle, [str(project.pk)], user=make_citizen())
    assert not Ballot.objects.filter(cycle=cycle).exists()


@pytest.mark.parametrize("tampered", ["abc", "-1", "1.5", "1e3", "99999999999999999999"])
def test_tampered_ids_are_refused(tampered):
    cycle = make_cycle("voting")
    make_projects(cycle, [10])
    with pytest.raises(BallotRefused):
        cast_ballot(cycle, [tampered], user=make_citizen())
    assert not Ballot.objects.filter(cycle=cycle).exists()


def test_voting_through_the_form_without_javascript(client):
    cycle = make_cycle("voting", ballot_rule="approval", max_choices=1)
    a, b = make_projects(cycle, [10, 20])
    citizen = make_citizen()
    client.force_login(citizen)
    page = client.get(url(cycle, "vote_view"), headers={"host": HOST})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="projects" value="{a.pk}"' in html and 'type="checkbox"' in html
    assert "<script>" not in html and " style=" not in html
    done = client.post(url(cycle, "vote_view"), {"projects": [a.pk]}, headers={"host": HOST})
    assert done.status_code == 302
    assert _votes([a, b]) == [1, 0]
    again = client.get(done["Location"], headers={"host": HOST})
    boxes = dict(
        re.findall(
            r'<input type="checkbox" name="projects" value="(\d+)"([^>]*)>', again.content.decode()
        )
    )
    assert "checked" in boxes[str(a.pk)] and "checked" not in boxes[str(b.pk)]
    refused = client.post(
        url(cycle, "vote_view"), {"projects": [a.pk, b.pk]}, headers={"host": HOST}
    )
    assert refused.status_code == 400
    assert "не більше 1 проєкту" in refused.content.decode()
    assert _votes([a, b]) == [1, 0]


def test_the_refusal_is_translated(client):
    cycle = make_cycle("voting", ballot_rule="approval", max_choices=1)
    a, b = make_projects(cycle, [10, 20])
    client.force_login(make_citizen())
    refused = client.post(
        url(cycle, "vote_view"), {"projects": [a.pk, b.pk]}, headers={"host": HOST}
    )
    assert refused.status_code == 400
    assert "Нічого не збережено" in refused.content.decode()


def test_anonymous_and_unverified_visitors_cannot_vote(client):
    cycle = make_cycle("voting")
    project = make_projects(cycle, [10])[0]
    anonymous = client.get(url(cycle, "vote_view"), headers={"host": HOST})
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(make_citizen(verified=False))
    refused = client.post(
        url(cycle, "vote_view"), {"projects": [project.pk]}, headers={"host": HOST}
    )
    assert refused.status_code == 403
    assert not Ballot.objects.filter(cycle=cycle).exists()


def test_closed_voting_page_says_so(client):
    cycle = make_cycle("proposals")
    client.force_login(make_citizen())
    answer = client.get(url(cycle, "vote_view"), headers={"host": HOST})
    assert answer.status_code == 200


def test_the_saved_ballot_shows_how_much_it_uses_without_javascript(client):
    cycle = make_cycle("voting", ballot_rule="knapsack", total=Decimal(100))
    a, b, _c = make_projects(cycle, [30, 45, 60])
    client.force_login(make_citizen())
    vote = url(cycle, "vote_view")
    assert "progress__bar" not in client.get(vote, headers={"host": HOST}).content.decode()
    client.post(vote, {"projects": [a.pk, b.pk]}, headers={"host": HOST})
    html = client.get(vote, headers={"host": HOST}).content.decode()
    assert '<progress class="progress__bar" max="100.00" value="75.00"' in html
    assert re.search(r"75,00 з 100,00 UAH", html)

    approval = make_cycle("voting", ballot_rule="approval", max_choices=3)
    first, second, _third = make_projects(approval, [10, 20, 30])
    client.post(
        url(approval, "vote_view"), {"projects": [first.pk, second.pk]}, headers={"host": HOST}
    )
    html = client.get(url(approval, "vote_view"), headers={"host": HOST}).content.decode()
    assert '<progress class="progress__bar" max="3" value="2"' in html
    assert "2 з 3" in html
