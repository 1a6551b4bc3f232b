"""The results of a counted cycle (public, cacheable, in a fixed number of queries whatever
the number of ballots) and its ballot data as Pabulib files."""

from decimal import Decimal

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.core.frontcache import add_tags
from plugins.budgets.counting import pools_of
from plugins.budgets.models import Ballot, BallotChoice, ProjectResult
from plugins.budgets.pabulib import pabulib_text, pool_filename
from plugins.budgets.views.public import (
    Names,
    budget_summary,
    cycle_tag,
    cycle_urls,
    results_public,
)


def result_pools(page, names, request):
    """The stored results by pool (city-wide first, then the districts in their order), each
    with its budget, the money its winners use and its rows (ranked)."""
    results = list(
        ProjectResult.objects.filter(cycle__translation_key=page.translation_key)
        .select_related("project")
        .order_by("rank", "project_id")
    )
    ballots_per_district = {
        row["project__district_id"]: row["ballots"]
        for row in BallotChoice.objects.filter(project__cycle__translation_key=page.translation_key)
        .values("project__district_id")
        .annotate(ballots=Count("ballot_id", distinct=True))
        .order_by()
    }
    summary = budget_summary(page, names)
    base = page.get_url(request)
    pabulib_base = base + page.reverse_subpage("pabulib_view")
    pools = {None: {"key": "city", "name": _("City-wide projects"), "budget": summary["city"]}}
    if not names.districts:
        pools[None]["name"] = _("All projects")
        pools[None]["budget"] = page.total_amount
    for district in names.districts:
        pools[district.pk] = {
            "key": f"district-{district.pk}",
            "name": names.district(district.pk),
            "budget": district.amount,
        }
    for pool in pools.values():
        pool["rows"] = []
        pool["used"] = Decimal(0)
    for result in results:
        project = result.project
        pool = pools.get(project.district_id, pools[None])
        project.url = base + page.reverse_subpage("project_view", args=[project.pk])
        pool["rows"].append(result)
        if result.selected:
            pool["used"] += project.cost
    shown = []
    for district_id, pool in pools.items():
        if not pool["rows"]:
            continue
        pool["ballots"] = ballots_per_district.get(district_id, 0)
        pool["winners"] = sum(1 for row in pool["rows"] if row.selected)
        pool["left"] = pool["budget"] - pool["used"]
        pool["pabulib_url"] = f"{pabulib_base}?pool={pool['key']}"
        shown.append(pool)
    return shown


def results(page, request):
    add_tags(cycle_tag(page))
    names = Names(page)
    context = {
        "page": page,
        "self": page,
        "phase": page.phase,
        "public": results_public(page),
        "urls": cycle_urls(page, request),
    }
    if context["public"]:
        context["pools"] = result_pools(page, names, request)
        context["ballots"] = Ballot.objects.filter(
            cycle__translation_key=page.translation_key
        ).count()
    return TemplateResponse(request, "budgets/results.html", context)


def pabulib(page, request):
    """The Pabulib file of one pool (`?pool=city` or `?pool=district-<id>`; the only pool
    when there is one)."""
    if not results_public(page):
        raise Http404
    if not ProjectResult.objects.filter(cycle__translation_key=page.translation_key).exists():
        raise Http404
    pools = pools_of(page)
    wanted = request.GET.get("pool")
    chosen = next((pool for pool in pools if pool.key == wanted), None)
    if chosen is None:
        if wanted is not None or len(pools) != 1:
            raise Http404
        chosen = pools[0]
    add_tags(cycle_tag(page))
    response = HttpResponse(pabulib_text(page, chosen), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pool_filename(page, chosen)}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
