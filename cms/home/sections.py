"""The live sections of a home page, in a fixed number of queries whatever the content:
the hotline and top tasks (edited on the page), the sections plugins add (open
consultations, upcoming events) and the current action plan's progress. Latest news comes
from the news app's `latest_news` tag."""

from dataclasses import dataclass

from django.db.models import Prefetch

from cms.actionplans.choices import CommitmentStatus, PlanStatus
from cms.actionplans.models import ActionPlanPage, CommitmentPage, Milestone
from cms.actionplans.progress import (
    commitment_progress,
    commitment_status,
    local_today,
    plan_progress,
)
from cms.core.chrome import cached
from cms.core.extensions import HOME_SECTIONS, render_extension_point
from cms.core.frontcache import add_listing_tags
from cms.core.sites import profile_for_request
from cms.core.visibility import keep_public, public_pages

#: Plans shown as "current", most current first.
CURRENT_STATUSES = (PlanStatus.IN_IMPLEMENTATION, PlanStatus.ADOPTED)


@dataclass(frozen=True)
class TopTask:
    title: str
    description: str
    url: str


@dataclass(frozen=True)
class PlanProgress:
    plan: ActionPlanPage
    percent: int | None
    commitments: int
    completed: int
    delayed: int


def hotline(home, request):
    """The hotline box: the page's own fields, else the site profile's contacts."""
    profile = profile_for_request(request)
    language = home.locale.language_code
    number = home.hotline_number or profile.contact("hotline", language)
    if not number:
        return None
    return {
        "label": home.hotline_label or profile.contact("hotline_label", language) or "",
        "number": number,
        "tel": "".join(ch for ch in number if ch.isdigit() or ch == "+"),
        "text": home.hotline_text,
    }


def top_tasks(home, request):
    """The editor's top tasks whose page (if any) is live and public, with their address."""
    tasks = [block.value for block in home.top_tasks]
    visible = {page.pk for page in keep_public([t["page"] for t in tasks], request)}
    found = []
    for task in tasks:
        page = task["page"]
        if page is not None:
            if page.pk not in visible:
                continue
            url = page.get_url(request)
        else:
            url = task["url"]
        if url:
            found.append(TopTask(task["title"], task["description"], url))
    return found


def current_plan(home, request):
    """The action plan being carried out (else the adopted one) and its progress. Kept with
    the page frame (cms.core.chrome: milestones change only with their commitment page)
    for the site's day: a milestone becomes late when the day changes."""
    add_listing_tags(ActionPlanPage, home)
    today = local_today(profile_for_request(request).time_zone)
    return cached(
        request,
        "home-plan",
        (home.pk, today.isoformat()),
        lambda: _plan_progress(home, request, today),
    )


def _plan_progress(home, request, today):
    plans = list(
        public_pages(ActionPlanPage.objects.child_of(home), request)
        .filter(status__in=CURRENT_STATUSES)
        .order_by("-period_start")
    )
    if not plans:
        return None
    plan = min(plans, key=lambda p: CURRENT_STATUSES.index(p.status))
    commitments = list(
        public_pages(CommitmentPage.objects.child_of(plan), request).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.all(), to_attr="milestone_list")
        )
    )
    statuses = [commitment_status(c.milestone_list, today) for c in commitments]
    return PlanProgress(
        plan=plan,
        percent=plan_progress(commitment_progress(c.milestone_list) for c in commitments),
        commitments=len(commitments),
        completed=statuses.count(CommitmentStatus.COMPLETED),
        delayed=statuses.count(CommitmentStatus.DELAYED),
    )


def home_context(home, request):
    return {
        "hotline": hotline(home, request),
        "top_tasks": top_tasks(home, request),
        "home_sections": render_extension_point(HOME_SECTIONS, home, request),
        "plan_progress": current_plan(home, request),
    }
