"""The budgets' part of "download my data", "delete my account" and the account page: a
citizen's proposals and ballots. An erased account's ballot stays counted, anonymous."""

from django.db import transaction
from django.template.loader import render_to_string

from plugins.budgets.models import Ballot, BudgetProject, Phase, ProjectStatus

#: Projects that never reached a ballot: removed with their author's content on request.
REMOVABLE = (ProjectStatus.PROPOSED, ProjectStatus.INFEASIBLE, ProjectStatus.WITHDRAWN)


def _cycle_url(cycle):
    return cycle.full_url or "" if cycle else ""


def export_budget_data(user):
    projects = BudgetProject.objects.filter(author=user).select_related(
        "cycle", "district", "category"
    )
    ballots = (
        Ballot.objects.filter(voter=user)
        .select_related("cycle", "district")
        .prefetch_related("choices__project")
    )
    return {
        "proposals": [
            {
                "budget": project.cycle.title,
                "budget_url": _cycle_url(project.cycle),
                "title": project.title,
                "description": project.description,
                "district": project.district.name if project.district else "",
                "category": project.category.name if project.category else "",
                "location": project.location,
                "cost_estimate": str(project.cost_estimate),
                "status": project.status,
                "images": [image.image.name for image in project.images.all()],
                "proposed": project.created_at,
                "last_changed": project.updated_at,
            }
            for project in projects
        ],
        "ballots": [
            {
                "budget": ballot.cycle.title,
                "budget_url": _cycle_url(ballot.cycle),
                "district": ballot.district.name if ballot.district else "",
                "projects": [choice.project.title for choice in ballot.choices.all()],
                "cast": ballot.created_at,
                "last_changed": ballot.updated_at,
            }
            for ballot in ballots
        ],
    }


@transaction.atomic
def erase_budget_data(user, remove_content):
    """Ballots keep counting without the voter; proposals lose their author, or, with
    `remove_content`, those that never reached a ballot are deleted with their images."""
    Ballot.objects.filter(voter=user).update(voter=None)
    projects = BudgetProject.objects.filter(author=user)
    if remove_content:
        for project in projects.filter(status__in=REMOVABLE, votes=0):
            for image in project.images.all():
                image.image.delete(save=False)
            project.delete()
    projects.update(author=None)


def account_section(request):
    """The citizen's proposals and ballots on their account page (an ACCOUNT_PAGE filler)."""
    user = request.user
    projects = list(
        BudgetProject.objects.filter(author=user)
        .select_related("cycle")
        .order_by("-created_at")[:20]
    )
    ballots = list(
        Ballot.objects.filter(voter=user)
        .select_related("cycle")
        .prefetch_related("choices__project")
        .order_by("-updated_at")[:20]
    )
    items = []
    for project in projects:
        cycle = project.cycle.specific
        base = cycle.get_url(request)
        editable = cycle.phase == Phase.PROPOSALS and project.status == ProjectStatus.PROPOSED
        items.append(
            {
                "title": project.title,
                "budget": cycle.title,
                "status": project.get_status_display(),
                "url": base + cycle.reverse_subpage("project_view", args=[project.pk])
                if base
                else "",
                "edit_url": base + cycle.reverse_subpage("edit_view", args=[project.pk])
                if base and editable
                else "",
            }
        )
    votes = [
        {
            "budget": ballot.cycle.title,
            "projects": [choice.project.title for choice in ballot.choices.all()],
            "updated_at": ballot.updated_at,
        }
        for ballot in ballots
    ]
    return render_to_string(
        "budgets/account_section.html", {"proposals": items, "ballots": votes}, request=request
    )
