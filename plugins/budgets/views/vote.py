"""Voting: a plain form of checkboxes that works without JavaScript and on a phone. Citizens
vote with their account (and may change their ballot until voting closes); pupils of a
school cycle enter a one-time code first (`code/`), kept in their session until they vote."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms.core.citizens import verified_citizen
from cms.core.clientip import client_network
from plugins.budgets.abuse import CODE_TRIES, TOO_MANY_CODE_TRIES
from plugins.budgets.codes import code_hash, find_code
from plugins.budgets.forms import CodeForm
from plugins.budgets.models import BallotRule, Phase
from plugins.budgets.views.common import citizen_view, closed, sign_in_needed, subpage_url
from plugins.budgets.voting import (
    CODE_INVALID,
    CODE_USED,
    BallotRefused,
    ballot_of,
    ballot_projects,
    cast_ballot,
    pool_budget,
)


def _session_key(page):
    return f"budgets-code-{page.translation_key}"


def _not_voting(page, request):
    return closed(page, request, _("Voting is not open for this budget now."))


def _chosen_district(page, value):
    districts = list(page.source_districts())
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return districts, None
    return districts, next((d for d in districts if d.pk == wanted), None)


def _ballot_page(
    request, page, *, district, districts, chosen, error="", status=200, saved=False, stored=False
):
    """The ballot form; with `stored`, `chosen` is the voter's saved ballot, shown as
    progress bars of the projects or money it uses (without JavaScript)."""
    projects = list(ballot_projects(page, district)) if (district or not districts) else []
    base = page.get_url(request)
    pools = {}
    for project in projects:
        project.page_url = base + page.reverse_subpage("project_view", args=[project.pk])
        if project.district_id not in pools:
            pools[project.district_id] = {
                "key": f"d{project.district_id}" if project.district_id else "city",
                "name": page.local_name(project.district) or _("The whole city"),
                "limit": pool_budget(page, project.district),
            }
        project.pool = pools[project.district_id]
    chosen = set(chosen)
    for pool in pools.values():
        pool["chosen"] = sum(
            (p.cost for p in projects if p.pk in chosen and p.pool is pool), Decimal(0)
        )
    context = {
        "page": page,
        "projects": projects,
        "districts": [(d, page.local_name(d)) for d in districts],
        "district": district,
        "district_name": page.local_name(district),
        "chosen": chosen,
        "chosen_count": sum(1 for p in projects if p.pk in chosen),
        "stored_ballot": stored,
        "error": error,
        "saved": saved,
        "approval": page.ballot_rule == BallotRule.APPROVAL,
        "pools": list(pools.values()),
    }
    return render(request, "budgets/vote.html", context, status=status)


@citizen_view
def vote(page, request):
    if page.phase != Phase.VOTING:
        return _not_voting(page, request)
    citizen = digest = None
    if page.is_school:
        digest = request.session.get(_session_key(page))
        if not digest:
            return redirect(subpage_url(page, request, "code_view"))
    else:
        citizen = verified_citizen(request)
        if citizen is None:
            return sign_in_needed(page, request)
    existing = ballot_of(page, citizen) if citizen else None
    source = request.POST if request.method == "POST" else request.GET
    default_district = existing.district_id if existing else None
    districts, district = _chosen_district(page, source.get("district", default_district))
    if request.method == "GET":
        chosen = [c.project_id for c in existing.choices.all()] if existing else []
        saved = request.GET.get("saved") == "1"
        return _ballot_page(
            request,
            page,
            district=district,
            districts=districts,
            chosen=chosen,
            saved=saved,
            stored=existing is not None,
        )
    submitted = request.POST.getlist("projects")
    try:
        cast_ballot(
            page,
            submitted,
            user=citizen,
            code_digest=digest,
            district_id=district.pk if district else None,
        )
    except BallotRefused as refusal:
        if refusal.message in (CODE_INVALID, CODE_USED):
            request.session.pop(_session_key(page), None)
        chosen = [int(v) for v in submitted if v.isdigit()]
        return _ballot_page(
            request,
            page,
            district=district,
            districts=districts,
            chosen=chosen,
            error=refusal.message,
            status=400,
        )
    if digest:
        request.session.pop(_session_key(page), None)
        return render(request, "budgets/voted.html", {"page": page})
    query = f"?saved=1&district={district.pk}" if district else "?saved=1"
    return redirect(subpage_url(page, request, "vote_view") + query)


@citizen_view
def enter_code(page, request):
    if not page.is_school:
        raise Http404  # only a school cycle's voters have codes
    if page.phase != Phase.VOTING:
        return _not_voting(page, request)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        client = client_network(request)
        if CODE_TRIES.exceeded(client):
            form.add_error(None, TOO_MANY_CODE_TRIES)
            status = 429
        elif form.is_valid():
            code = find_code(page, form.cleaned_data["code"])
            if code is None:
                CODE_TRIES.hit(client)
                form.add_error("code", CODE_INVALID)
            elif code.used_at is not None:
                form.add_error("code", CODE_USED)
            else:
                request.session[_session_key(page)] = code_hash(form.cleaned_data["code"])
                return redirect(subpage_url(page, request, "vote_view"))
    return render(request, "budgets/code.html", {"page": page, "form": form}, status=status)
