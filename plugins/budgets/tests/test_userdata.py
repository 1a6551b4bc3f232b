"""A citizen's budget data: exported with "download my data"; erased with the account, the
ballot stays counted, anonymously."""

import pytest

from plugins.budgets.models import Ballot, BudgetProject, ProjectStatus
from plugins.budgets.userdata import erase_budget_data, export_budget_data
from plugins.budgets.voting import cast_ballot

from .citizens import HOST, make_citizen
from .cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


def test_export_lists_proposals_and_ballots():
    cycle = make_cycle("voting")
    citizen = make_citizen()
    mine = make_projects(cycle, [10], title="My playground", author=citizen)[0]
    cast_ballot(cycle, [str(mine.pk)], user=citizen)
    data = export_budget_data(citizen)
    assert [item["title"] for item in data["proposals"]] == ["My playground"]
    assert data["ballots"][0]["projects"] == ["My playground"]


def test_erasing_the_account_keeps_the_ballot_counted_anonymously():
    cycle = make_cycle("voting")
    citizen = make_citizen()
    project = make_projects(cycle, [10], author=citizen)[0]
    cast_ballot(cycle, [str(project.pk)], user=citizen)
    erase_budget_data(citizen, remove_content=True)
    citizen.delete()
    ballot = Ballot.objects.get(cycle=cycle)
    assert ballot.voter is None
    assert list(ballot.choices.values_list("project_id", flat=True)) == [project.pk]
    project.refresh_from_db()
    assert project.votes == 1 and project.author is None  # on a ballot: kept


def test_erasing_with_content_removes_proposals_that_never_reached_a_ballot():
    cycle = make_cycle("proposals")
    citizen = make_citizen()
    make_projects(cycle, [10], author=citizen, status=ProjectStatus.PROPOSED)
    erase_budget_data(citizen, remove_content=True)
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


def test_the_account_page_shows_proposals_and_ballot(client):
    cycle = make_cycle("voting")
    citizen = make_citizen()
    project = make_projects(cycle, [10], title="Lamps on Zhyvova", author=citizen)[0]
    cast_ballot(cycle, [str(project.pk)], user=citizen)
    client.force_login(citizen)
    page = client.get("/uk/accounts/", headers={"host": HOST})
    assert page.status_code == 200
    assert "Lamps on Zhyvova" in page.content.decode()
