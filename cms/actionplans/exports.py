"""Open data: a plan's commitments and milestones as CSV and JSON, in every language the
plan exists in, with stable ids (translation keys, shared by all languages)."""

import json

from django.http import HttpResponse
from django.utils import translation

from cms.core.sites import profile_for_request
from cms.core.spreadsheets import csv_text
from cms.core.visibility import public_pages

from .choices import OGPValue
from .progress import plan_progress
from .views import prepare_commitments, site_today


def plan_versions(plan, request):
    """{language: plan} for the plan's public translations the site serves, the plan first."""
    profile = profile_for_request(request)
    versions = {plan.locale.language_code: plan}
    for other in public_pages(plan.get_translations()).select_related("locale").specific():
        code = other.locale.language_code
        if profile.serves(code):
            versions[code] = other
    order = {code: i for i, code in enumerate(profile.languages)}
    return dict(sorted(versions.items(), key=lambda item: order.get(item[0], 99)))


def _name(institution):
    return institution.name if institution is not None else ""


def export_data(plan, request):
    today = site_today(request)
    versions = plan_versions(plan, request)
    by_language = {}
    for code, version in versions.items():
        with translation.override(code):
            by_language[code] = {
                str(c.translation_key): c
                for c in prepare_commitments(version.public_commitments(), today, code)
            }
    primary = by_language[plan.locale.language_code]
    languages = list(versions)

    def texts(key, get):
        return {code: get(by_language[code][key]) for code in languages if key in by_language[code]}

    commitments = []
    for key, commitment in primary.items():
        milestones = []
        for milestone in commitment.milestone_list:
            mkey = str(milestone.translation_key)

            def in_language(c, mkey=mkey):
                return next((m for m in c.milestone_list if str(m.translation_key) == mkey), None)

            milestones.append(
                {
                    "id": mkey,
                    "deliverable": {
                        code: m.deliverable
                        for code, m in texts(key, in_language).items()
                        if m is not None
                    },
                    "start_date": milestone.start_date and milestone.start_date.isoformat(),
                    "end_date": milestone.end_date.isoformat(),
                    "status": milestone.status,
                    "weight": milestone.weight,
                    "percent_complete": milestone.percent_complete,
                    "overdue": milestone.overdue,
                    "responsible_institution": {
                        code: _name(m.responsible)
                        for code, m in texts(key, in_language).items()
                        if m is not None
                    },
                }
            )
        commitments.append(
            {
                "id": key,
                "code": commitment.code,
                "title": texts(key, lambda c: c.title),
                "url": texts(key, lambda c: c.get_full_url(request)),
                "status": commitment.computed_status,
                "progress": commitment.progress,
                "start_date": commitment.start_date and commitment.start_date.isoformat(),
                "end_date": commitment.end_date and commitment.end_date.isoformat(),
                "ogp_values": [v for v in OGPValue.values if getattr(commitment, v)],
                "lead_institution": texts(key, lambda c: _name(c.lead)),
                "supporting_institutions": [
                    p.shown_institution.name for p in commitment.partner_list
                ],
                "milestones": milestones,
            }
        )
    return {
        "id": str(plan.translation_key),
        "languages": languages,
        "title": {code: v.title for code, v in versions.items()},
        "url": {code: v.get_full_url(request) for code, v in versions.items()},
        "jurisdiction": {code: v.jurisdiction for code, v in versions.items()},
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "status": plan.status,
        "progress": plan_progress(c["progress"] for c in commitments),
        "as_of": today.isoformat(),
        "commitments": commitments,
    }


def json_response(plan, request):
    data = export_data(plan, request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'inline; filename="{plan.slug}.json"'
    return response


def csv_rows(data):
    languages = data["languages"]
    header = [
        "record",
        "id",
        "commitment_id",
        "code",
        *(f"title_{code}" for code in languages),
        "status",
        "progress",
        "weight",
        "percent_complete",
        "overdue",
        "start_date",
        "end_date",
        *OGPValue.values,
        *(f"institution_{code}" for code in languages),
    ]
    yield header
    for c in data["commitments"]:
        yield [
            "commitment",
            c["id"],
            "",
            c["code"],
            *(c["title"].get(code, "") for code in languages),
            c["status"],
            "" if c["progress"] is None else c["progress"],
            "",
            "",
            "",
            c["start_date"] or "",
            c["end_date"] or "",
            *(int(v in c["ogp_values"]) for v in OGPValue.values),
            *(c["lead_institution"].get(code, "") for code in languages),
        ]
        for m in c["milestones"]:
            yield [
                "milestone",
                m["id"],
                c["id"],
                c["code"],
                *(m["deliverable"].get(code, "") for code in languages),
                m["status"],
                "",
                m["weight"],
                "" if m["percent_complete"] is None else m["percent_complete"],
                int(m["overdue"]),
                m["start_date"] or "",
                m["end_date"],
                *("" for _ in OGPValue.values),
                *(m["responsible_institution"].get(code, "") for code in languages),
            ]


def csv_response(plan, request):
    response = HttpResponse(
        csv_text(csv_rows(export_data(plan, request))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}.csv"'
    return response
