"""Review in the admin: feasible or not with a public reason and a corrected cost, recorded;
an infeasible project never reaches a ballot."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from plugins.budgets.models import BudgetProject, ProjectStatus
from plugins.budgets.voting import BallotRefused, ballot_projects, cast_ballot

from .citizens import make_citizen
from .cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("budget-reviewer", "rev@example.org", "x" * 20)
    client.force_login(user)
    return user


def _edit_url(project):
    return f"/admin/snippets/budgets/budgetproject/edit/{project.pk}/"


def _post(project, **changes):
    data = {
        "cycle": project.cycle_id,
        "title": project.title,
        "description": project.description,
        "location": project.location,
        "cost_estimate": str(project.cost_estimate),
        "status": project.status,
        "review_reason": project.review_reason,
        "reviewed_cost": "",
    }
    for name in ("milestones", "spendings", "photos"):
        data.update(
            {
                f"{name}-TOTAL_FORMS": "0",
                f"{name}-INITIAL_FORMS": "0",
                f"{name}-MIN_NUM_FORMS": "0",
                f"{name}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def test_the_listing_filters_by_cycle(client, editor):
    cycle = make_cycle("proposals")
    other = make_cycle("proposals")
    make_projects(cycle, [10], title="Playground on Ruska")
    make_projects(other, [10], title="Fountain elsewhere")
    listing = client.get(f"/admin/snippets/budgets/budgetproject/?cycle={cycle.pk}")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Playground on Ruska" in html and "Fountain elsewhere" not in html


def test_review_records_the_decision_the_reason_and_the_corrected_cost(client, editor):
    cycle = make_cycle("proposals")
    project = make_projects(cycle, [10000], status=ProjectStatus.PROPOSED)[0]
    answer = client.post(
        _edit_url(project),
        _post(
            project, status="feasible", reviewed_cost="12500.00", review_reason="Lamps cost more."
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    project.refresh_from_db()
    assert project.status == ProjectStatus.FEASIBLE
    assert project.cost == Decimal("12500.00")
    assert project.reviewed_by == editor and project.reviewed_at is not None


def test_infeasible_needs_a_public_reason(client, editor):
    cycle = make_cycle("proposals")
    project = make_projects(cycle, [10000], status=ProjectStatus.PROPOSED)[0]
    refused = client.post(_edit_url(project), _post(project, status="infeasible"))
    assert refused.status_code == 200  # the form again, with the error
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED and project.reviewed_at is None
    done = client.post(
        _edit_url(project), _post(project, status="infeasible", review_reason="Private land.")
    )
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.INFEASIBLE and project.review_reason == "Private land."


def test_infeasible_and_unreviewed_projects_are_not_on_the_ballot():
    cycle = make_cycle("voting")
    feasible = make_projects(cycle, [10])[0]
    infeasible = make_projects(cycle, [10], status=ProjectStatus.INFEASIBLE)[0]
    proposed = make_projects(cycle, [10], status=ProjectStatus.PROPOSED)[0]
    assert list(ballot_projects(cycle)) == [feasible]
    for project in (infeasible, proposed):
        with pytest.raises(BallotRefused):
            cast_ballot(cycle, [str(project.pk)], user=make_citizen())
    assert BudgetProject.objects.get(pk=infeasible.pk).votes == 0
