"""Mail of the participatory budgets, sent in the background (django-tasks) in the language
of the cycle page and the site's time zone: the outcome of the municipality's review to a
project's author, and a receipt of a ballot to the citizen who cast or changed it. A
failing address is logged, never retried by hand; with the database queue the mail backend
queues each mail again."""

import logging
import zoneinfo

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from cms.core.dates import format_number
from cms.core.mail import sender
from cms.core.sites import profile_for_page

logger = logging.getLogger(__name__)


def _send(page, template, context, address):
    """Render `template` (…_subject.txt, …_message.txt) for `page`'s language and time zone
    and send it to `address`; True when sent."""
    language = page.locale.language_code
    profile = profile_for_page(page)
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(profile.time_zone)):
        context = {**context, "page": page, "municipality": profile.name(language)}
        subject = render_to_string(f"budgets/email/{template}_subject.txt", context)
        body = render_to_string(f"budgets/email/{template}_message.txt", context)
        send_mail(" ".join(subject.split()), body, sender(profile, language), [address])
    return True


def _money(value, page):
    return f"{format_number(value, 2, page.locale.language_code)} {page.currency}"


@task()
def send_review_mail(project_id, status):
    """Tell the author of a project the review's decision `status` (feasible or not), unless
    a later decision has replaced it (that one has its own mail)."""
    from plugins.budgets.models import BudgetProject

    project = BudgetProject.objects.select_related("cycle", "author").filter(pk=project_id).first()
    if project is None or project.status != status:
        return 0
    author = project.author
    if author is None or not author.email or not author.is_active:
        return 0
    page = project.cycle
    context = {
        "project": project,
        "user": author,
        "feasible": status == "feasible",
        "estimate": _money(project.cost_estimate, page),
        "corrected": _money(project.reviewed_cost, page)
        if project.reviewed_cost is not None
        else "",
        "url": (page.get_full_url() or "")
        + page.reverse_subpage("project_view", args=[project.pk]),
    }
    try:
        return int(_send(page, "review", context, author.email))
    except Exception:
        logger.exception("budget project %s: review mail not sent", project.pk)
        return 0


@task()
def send_ballot_receipt(ballot_id, page_id, project_ids, changed):
    """The receipt of a citizen's ballot: the projects `project_ids` it chose, in the
    language of the cycle page `page_id` the citizen voted on, and how to change it."""
    from plugins.budgets.models import Ballot, BudgetCyclePage, BudgetProject

    ballot = Ballot.objects.select_related("voter").filter(pk=ballot_id).first()
    page = BudgetCyclePage.objects.filter(pk=page_id).first()
    if ballot is None or page is None or ballot.voter is None:
        return 0
    voter = ballot.voter
    if not voter.email or not voter.is_active:
        return 0
    projects = list(BudgetProject.objects.filter(pk__in=project_ids).order_by("title", "pk"))
    for project in projects:
        project.price = _money(project.cost, page)
    context = {
        "user": voter,
        "projects": projects,
        "changed": changed,
        "url": (page.get_full_url() or "") + page.reverse_subpage("vote_view"),
    }
    try:
        return int(_send(page, "receipt", context, voter.email))
    except Exception:
        logger.exception("budget ballot %s: receipt not sent", ballot.pk)
        return 0
