"""Open data of a cycle: every public project with its review, cost and (once the results
are published) votes and outcome, as CSV and JSON. No personal data: no author, no voter."""

import json

from django.http import HttpResponse

from cms.core.frontcache import add_tags
from cms.core.spreadsheets import csv_text
from plugins.budgets.models import ProjectResult, ProjectStatus
from plugins.budgets.views.public import Names, cycle_tag, results_public

FIELDS = (
    "id",
    "public_id",
    "title",
    "district",
    "category",
    "status",
    "cost_estimate",
    "reviewed_cost",
    "cost",
    "review_reason",
    "votes",
    "selected",
    "rank",
)


def money(value):
    return None if value is None else f"{value:f}"


def open_data(page, request):
    names = Names(page)
    show_results = results_public(page)
    results = {}
    if show_results:
        results = {
            result.project_id: result
            for result in ProjectResult.objects.filter(cycle__translation_key=page.translation_key)
        }
    base = page.get_full_url(request)
    projects = []
    for project in page.projects().exclude(status=ProjectStatus.WITHDRAWN).order_by("pk"):
        result = results.get(project.pk)
        projects.append(
            {
                "id": project.pk,
                "public_id": str(project.public_id),
                "title": project.title,
                "district": names.district(project.district_id) or None,
                "category": names.category(project.category_id) or None,
                "status": project.status,
                "cost_estimate": money(project.cost_estimate),
                "reviewed_cost": money(project.reviewed_cost),
                "cost": money(project.cost),
                "review_reason": project.review_reason,
                "votes": result.votes if result else None,
                "selected": result.selected if result else None,
                "rank": result.rank if result else None,
                "url": base + page.reverse_subpage("project_view", args=[project.pk]),
            }
        )
    return {
        "cycle": page.title,
        "cycle_key": str(page.translation_key),
        "language": page.locale.language_code,
        "currency": page.currency,
        "total_amount": money(page.total_amount),
        "districts": [
            {"name": names.district(d.pk), "amount": money(d.amount)} for d in names.districts
        ],
        "counting_rule": page.counting_rule,
        "phase": str(page.phase),
        "results_published": show_results,
        "licence": "CC BY 4.0",
        "projects": projects,
    }


def export(page, request, fmt):
    add_tags(cycle_tag(page))
    data = open_data(page, request)
    filename = f"budget-{page.translation_key}-{page.locale.language_code}"
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        rows = [[*FIELDS, "url"]]
        for project in data["projects"]:
            rows.append(["" if project[f] is None else project[f] for f in (*FIELDS, "url")])
        response = HttpResponse(csv_text(rows, bom=False), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
