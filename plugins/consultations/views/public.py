"""Public, cacheable pages: a consultation, its results, open data and report.
None of them reads the session: the answer form lives on its own never-cached view."""

import json

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from cms.core.visibility import is_public, keep_public, keep_public_documents
from plugins.consultations.exports import open_data, open_data_csv
from plugins.consultations.results import results_for
from plugins.consultations.status import ConsultationStatus


def _localised(page):
    """A linked page in the current language when it has a public translation."""
    localized = page.localized
    return localized if is_public(localized) else page


def consultation_urls(page, request):
    base = page.get_url(request)
    return {
        "page": base,
        "results": base + page.reverse_subpage("results_view"),
        "report": base + page.reverse_subpage("report_view"),
        "csv": base + page.reverse_subpage("results_data_view", kwargs={"fmt": "csv"}),
        "json": base + page.reverse_subpage("results_data_view", kwargs={"fmt": "json"}),
    }


def consultation_context(page, request):
    """The page's context. What it reads from the database is read only when the template
    renders it: the template keeps what it shows with the page frame for the page, its
    status and whether its results show (`{% keep %}`), and a kept page reads none of it."""
    status = page.status()
    return {
        "urls": SimpleLazyObject(lambda: consultation_urls(page, request)),
        "status": status,
        "respond_url": reverse("consultations_respond", args=[page.pk]),
        "results_visible": page.results_visible(),
        "documents": SimpleLazyObject(
            lambda: keep_public_documents(
                item.document for item in page.draft_documents.select_related("document")
            )
        ),
        "commitments": SimpleLazyObject(
            lambda: [
                _localised(commitment.specific)
                for commitment in keep_public(
                    item.commitment for item in page.shaped_commitments.select_related("commitment")
                )
            ]
        ),
        "has_report": SimpleLazyObject(
            lambda: status == ConsultationStatus.CLOSED and bool(page.report_decisions())
        ),
    }


def results(page, request):
    context = {
        "page": page,
        "self": page,
        "status": page.status(),
        "results_visible": page.results_visible(),
        "urls": consultation_urls(page, request),
    }
    if context["results_visible"]:
        context["results"] = results_for(page)
    return TemplateResponse(request, "consultations/results.html", context)


def results_data(page, request, fmt):
    if not page.results_visible():
        raise Http404
    filename = f"consultation-{page.consultation_key}-{page.locale.language_code}"
    if fmt == "json":
        body = json.dumps(open_data(page), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(open_data_csv(page), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def report(page, request):
    if page.status() != ConsultationStatus.CLOSED:
        raise Http404
    decisions = page.report_decisions()
    context = {
        "page": page,
        "self": page,
        "decisions": decisions,
        "results": results_for(page, texts_limit=0),
        "status": ConsultationStatus.CLOSED,
        "urls": consultation_urls(page, request),
    }
    return TemplateResponse(request, "consultations/report.html", context)
