"""Public, cacheable pages of a budget cycle: the cycle with its projects (filtered without
JavaScript) and one project with its review and implementation. None reads the session."""

from decimal import Decimal

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.frontcache import add_tags
from plugins.budgets.models import (
    BudgetCategory,
    BudgetDistrict,
    Phase,
    ProjectResult,
    ProjectStatus,
)

#: The phases in order, for the timeline: (phase, start field, end field).
TIMELINE = (
    (Phase.PROPOSALS, "proposals_open", "proposals_close"),
    (Phase.REVIEW, "proposals_close", "review_close"),
    (Phase.VOTING, "voting_open", "voting_close"),
    (Phase.COUNTING, "voting_close", "results_at"),
    (Phase.RESULTS, "results_at", None),
    (Phase.IMPLEMENTATION, "implementation_from", None),
)
PHASE_ORDER = [phase for phase, _start, _end in TIMELINE]

#: The statuses a visitor can filter by (withdrawn proposals only when asked for).
LISTED_STATUSES = (
    ProjectStatus.PROPOSED,
    ProjectStatus.FEASIBLE,
    ProjectStatus.INFEASIBLE,
    ProjectStatus.SELECTED,
    ProjectStatus.NOT_SELECTED,
    ProjectStatus.WITHDRAWN,
)

PHASE_HINTS = {
    Phase.UPCOMING: _("Proposals can be submitted once the proposal phase opens."),
    Phase.PROPOSALS: _("Residents propose projects now. The municipality reviews them next."),
    Phase.REVIEW: _(
        "The municipality is checking whether each project can be built and at "
        "what cost. The reasons are published here."
    ),
    Phase.VOTING: _("Voting is open: choose the projects you want built."),
    Phase.COUNTING: _("Voting has closed. The votes are being counted."),
    Phase.RESULTS: _("The results are published: see which projects won."),
    Phase.IMPLEMENTATION: _("The winning projects are being built: follow their progress."),
}


def cycle_tag(page):
    """The front-cache tag of everything that shows a cycle's counted results (purged by
    each count: results change without a save the cache would see)."""
    return f"budget-cycle-{page.translation_key}"


def results_public(page, now=None):
    return page.phase_at(now) in (Phase.RESULTS, Phase.IMPLEMENTATION)


def route_url(page, request, name, *args):
    return page.get_url(request) + page.reverse_subpage(name, args=args)


def cycle_urls(page, request):
    base = page.get_url(request)
    return {
        "page": base,
        "projects": base + page.reverse_subpage("projects_view"),
        "propose": base + page.reverse_subpage("propose_view"),
        "vote": base + page.reverse_subpage("vote_view"),
        "code": base + page.reverse_subpage("code_view"),
        "results": base + page.reverse_subpage("results_view"),
        "csv": base + page.reverse_subpage("data_view", kwargs={"fmt": "csv"}),
        "json": base + page.reverse_subpage("data_view", kwargs={"fmt": "json"}),
    }


class Names:
    """The names of the source cycle's districts and categories in the page's language, read
    in two queries."""

    def __init__(self, page):
        local_districts = list(page.districts.all())
        local_categories = list(page.categories.all())
        source = page.source
        if source.pk == page.pk:
            self.districts, self.categories = local_districts, local_categories
        else:
            self.districts = list(BudgetDistrict.objects.filter(page_id=source.pk))
            self.categories = list(BudgetCategory.objects.filter(page_id=source.pk))
        local_districts = {d.translation_key: d for d in local_districts}
        local_categories = {c.translation_key: c for c in local_categories}
        self.district_names = {
            d.pk: getattr(local_districts.get(d.translation_key), "name", d.name)
            for d in self.districts
        }
        self.category_names = {
            c.pk: getattr(local_categories.get(c.translation_key), "name", c.name)
            for c in self.categories
        }

    def district(self, pk):
        return self.district_names.get(pk, "")

    def category(self, pk):
        return self.category_names.get(pk, "")


def timeline(page, now=None):
    """The phases with their dates and whether each is past, current or to come."""
    now = now or timezone.now()
    current = page.phase_at(now)
    current_index = PHASE_ORDER.index(current) if current in PHASE_ORDER else -1
    rows = []
    for index, (phase, start_field, end_field) in enumerate(TIMELINE):
        start = getattr(page, start_field)
        if start is None:
            continue
        rows.append(
            {
                "phase": phase,
                "label": phase.label,
                "start": start,
                "end": getattr(page, end_field) if end_field else None,
                "state": "current"
                if index == current_index
                else ("past" if index < current_index else "future"),
            }
        )
    return rows


def budget_summary(page, names):
    """The total and each district's amount (in the page's language) with the city-wide
    remainder."""
    districts = [(names.district(d.pk), d.amount) for d in names.districts]
    city = page.total_amount - sum((amount for _name, amount in districts), Decimal(0))
    return {"total": page.total_amount, "districts": districts, "city": max(city, Decimal(0))}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def project_list(page, request):
    add_tags(cycle_tag(page))
    names = Names(page)
    phase = page.phase
    show_votes = results_public(page)
    projects = page.listed_projects().order_by("title", "pk")
    filters = {
        "district": _int_or_none(request.GET.get("district")),
        "category": _int_or_none(request.GET.get("category")),
        "status": request.GET.get("status", ""),
    }
    if filters["district"] in names.district_names:
        projects = projects.filter(district_id=filters["district"])
    else:
        filters["district"] = None
    if filters["category"] in names.category_names:
        projects = projects.filter(category_id=filters["category"])
    else:
        filters["category"] = None
    if filters["status"] in LISTED_STATUSES:
        projects = projects.filter(status=filters["status"])
    else:
        filters["status"] = ""
        projects = projects.exclude(status=ProjectStatus.WITHDRAWN)
    projects = list(projects)
    votes = {}
    if show_votes:
        votes = dict(
            ProjectResult.objects.filter(project__in=[p.pk for p in projects]).values_list(
                "project_id", "votes"
            )
        )
    base = page.get_url(request)
    for project in projects:
        project.url = base + page.reverse_subpage("project_view", args=[project.pk])
        project.district_name = names.district(project.district_id)
        project.category_name = names.category(project.category_id)
        project.result_votes = votes.get(project.pk)
    context = {
        "page": page,
        "self": page,
        "phase": phase,
        "phase_hint": PHASE_HINTS.get(phase, ""),
        "timeline": timeline(page),
        "budget": budget_summary(page, names),
        "projects": projects,
        "filters": filters,
        "filtered": any(filters.values()),
        "district_options": [(d.pk, names.district(d.pk)) for d in names.districts],
        "category_options": [(c.pk, names.category(c.pk)) for c in names.categories],
        "status_options": [(status, status.label) for status in LISTED_STATUSES],
        "show_votes": show_votes,
        "urls": cycle_urls(page, request),
    }
    return TemplateResponse(request, "budgets/cycle.html", context)


def spending_progress(project, spendings):
    """(spent, percent of the cost) of a project's recorded spending."""
    spent = sum((item.amount for item in spendings), Decimal(0))
    cost = project.cost or Decimal(0)
    percent = int(min(spent / cost * 100, Decimal(100))) if cost else None
    return spent, percent


def project_detail(page, request, project):
    add_tags(cycle_tag(page))
    names = Names(page)
    result = None
    if results_public(page):
        result = ProjectResult.objects.filter(project=project).first()
    milestones = list(project.milestones.all())
    spendings = list(project.spendings.all())
    spent, spent_percent = spending_progress(project, spendings)
    context = {
        "page": page,
        "self": page,
        "project": project,
        "phase": page.phase,
        "district_name": names.district(project.district_id),
        "category_name": names.category(project.category_id),
        "images": list(project.images.all()),
        "result": result,
        "milestones": milestones,
        "milestones_done": sum(1 for m in milestones if m.done_at),
        "spendings": spendings,
        "spent": spent,
        "spent_percent": spent_percent,
        "photos": list(project.photos.select_related("image")),
        "reviewed": project.status not in (ProjectStatus.PROPOSED, ProjectStatus.WITHDRAWN),
        "proposed_now": request.GET.get("proposed") == "1",
        "changed_now": request.GET.get("changed") == "1",
        "map_url": map_url(project),
        "urls": cycle_urls(page, request),
    }
    return TemplateResponse(request, "budgets/project.html", context)


def map_url(project):
    if project.latitude is None or project.longitude is None:
        return ""
    lat, lon = project.latitude, project.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
