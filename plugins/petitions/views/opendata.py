"""Open data: a site's public petitions, their counts and answers, as CSV and JSON.

Stable ids (`public_id`), no personal data: no author, no signer, no address; only what
the petition's public page shows in figures and the council's answer."""

import json

from django.http import Http404, HttpResponse
from django.utils import timezone

from cms.core.spreadsheets import csv_text
from cms.core.visibility import keep_public_documents
from plugins.petitions.models import PetitionStatus
from plugins.petitions.visibility import site_petitions

LICENCE = "CC BY 4.0"
FIELDS = (
    "id",
    "language",
    "title",
    "request",
    "topic",
    "status",
    "overdue",
    "signatures",
    "signatures_needed",
    "published_at",
    "collection_ends_at",
    "consideration_at",
    "answer_due_at",
    "answered_at",
    "answer",
    "answer_document",
    "url",
)


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def records(page, request):
    """One dict per public petition of the site of `page`, oldest first."""
    now = timezone.now()
    petitions = list(
        site_petitions(page, request)
        .public()
        .select_related("topic", "answer_document", "index__locale")
        .order_by("published_at", "pk")
    )
    documents = {
        document.pk: document
        for document in keep_public_documents(p.answer_document for p in petitions)
    }
    found = []
    for petition in petitions:
        document = documents.get(petition.answer_document_id)
        answered = petition.status == PetitionStatus.ANSWERED
        found.append(
            {
                "id": str(petition.public_id),
                "language": petition.index.locale.language_code,
                "title": petition.title,
                "request": petition.request,
                "topic": petition.topic.slug if petition.topic_id else None,
                "status": petition.status,
                "overdue": bool(
                    petition.status == PetitionStatus.CONSIDERATION
                    and petition.answer_due_at
                    and petition.answer_due_at < now
                ),
                "signatures": petition.signature_count,
                "signatures_needed": petition.signatures_needed,
                "published_at": _iso(petition.published_at),
                "collection_ends_at": _iso(petition.collection_ends_at),
                "consideration_at": _iso(petition.consideration_at),
                "answer_due_at": _iso(petition.answer_due_at),
                "answered_at": _iso(petition.answered_at) if answered else None,
                "answer": petition.answer if answered else None,
                "answer_document": request.build_absolute_uri(document.url) if document else None,
                "url": request.build_absolute_uri(petition.get_url(request, index=page)),
            }
        )
    return found


def export(page, request, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    rows = records(page, request)
    if fmt == "json":
        body = json.dumps(
            {"licence": LICENCE, "generated_at": _iso(timezone.now()), "petitions": rows},
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        table = [list(FIELDS)]
        table += [["" if row[name] is None else row[name] for name in FIELDS] for row in rows]
        response = HttpResponse(csv_text(table, bom=False), content_type="text/csv; charset=utf-8")
        filename = f"petitions-{page.locale.language_code}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
