"""When the budgets' mail is queued: after the change has committed (a refused ballot or a
rolled-back review sends nothing). The mails themselves are in plugins.budgets.tasks."""

from django.db import transaction

from plugins.budgets.models import ProjectStatus
from plugins.budgets.tasks import send_ballot_receipt, send_review_mail

#: The review's decisions an author is told of.
DECISIONS = (ProjectStatus.FEASIBLE, ProjectStatus.INFEASIBLE)


def review_decided(project):
    """The review has just changed `project`'s status: its author hears of a decision
    (feasible or not) once the change commits."""
    if project.status not in DECISIONS or project.author_id is None:
        return
    project_id, status = project.pk, str(project.status)
    transaction.on_commit(lambda: send_review_mail.enqueue(project_id, status))


def ballot_stored(ballot, page, project_ids, changed):
    """A citizen's ballot was cast (`changed` False) or changed: a receipt once it commits.
    A voting code's ballot has nobody to write to."""
    if ballot.voter_id is None:
        return
    ids = sorted(int(pk) for pk in project_ids)
    ballot_id, page_id = ballot.pk, page.pk
    transaction.on_commit(lambda: send_ballot_receipt.enqueue(ballot_id, page_id, ids, changed))
