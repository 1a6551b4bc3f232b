"""What the plan and commitment pages show, computed in a fixed number of queries."""

from django.utils import translation
from django.utils.functional import SimpleLazyObject

from cms.core.chrome import cached
from cms.core.extensions import listing_item_metas_ahead
from cms.core.sites import profile_for_request
from cms.core.visibility import keep_public, keep_public_documents

from .choices import CommitmentStatus
from .forms import CommitmentFilterForm, apply_filters
from .models.institutions import localized_institutions
from .progress import annotate, local_today, plan_progress, status_labels
from .timeline import build_timeline


def attached_documents(links):
    """The document links whose document anyone may find."""
    links = list(links.select_related("document"))
    public = {document.pk for document in keep_public_documents(link.document for link in links)}
    return [link for link in links if link.document_id in public]


def site_today(request):
    """Today in the serving municipality's time zone."""
    return local_today(profile_for_request(request).time_zone)


def prepare_commitments(commitments, today, language_code):
    """Compute progress and status, and show institutions in `language_code`."""
    institutions = []
    labels = status_labels()
    for commitment in commitments:
        annotate(commitment, today, labels)
        institutions.append(commitment.lead_institution)
        institutions.extend(p.institution for p in commitment.partner_list)
        institutions.extend(m.responsible_institution for m in commitment.milestone_list)
    shown = localized_institutions(institutions, language_code)
    for commitment in commitments:
        commitment.lead = shown.get(commitment.lead_institution_id)
        for partner in commitment.partner_list:
            partner.shown_institution = shown.get(partner.institution_id)
        commitment.partner_list = [p for p in commitment.partner_list if p.shown_institution]
        for milestone in commitment.milestone_list:
            milestone.responsible = shown.get(milestone.responsible_institution_id)
        commitment.institution_ids = {
            i.pk
            for i in [commitment.lead, *(p.shown_institution for p in commitment.partner_list)]
            if i is not None
        }
    return commitments


def plan_context(plan, request):
    """The plan page's context. Its commitments are kept with the page frame
    (cms.core.chrome: every page change and every institution change renews it) for the
    site's day and the language; the page's HTML too, for the filters asked for and the
    plugins' fillers beside each commitment (`kept_as`)."""
    today = site_today(request)
    language = translation.get_language()
    commitments = cached(
        request,
        "plan-commitments",
        (plan.pk, today, language),
        lambda: prepare_commitments(plan.public_commitments(), today, language),
    )
    institutions = {}
    for commitment in commitments:
        for institution in [
            commitment.lead,
            *(p.shown_institution for p in commitment.partner_list),
        ]:
            if institution is not None:
                institutions[institution.pk] = institution
    form = CommitmentFilterForm(request.GET or None, institutions.values())
    filters = form.filters() if request.GET else {}
    shown = apply_filters(commitments, filters)
    metas = listing_item_metas_ahead(shown, request)
    understood = not form.errors and set(request.GET) <= set(form.fields)
    counts = {status: 0 for status in CommitmentStatus.values}
    for commitment in commitments:
        counts[commitment.computed_status] += 1
    return {
        "kept_as": "\x00".join(
            [
                *(f"{name}={values}" for name, values in sorted(request.GET.lists())),
                *metas,
            ]
        )
        if understood
        else None,
        "today": today,
        "commitments": commitments,
        "shown_commitments": shown,
        "filter_form": form,
        "is_filtered": bool(filters),
        "plan_progress": plan_progress(c.progress for c in commitments),
        "status_counts": [
            (status, label, counts[status])
            for status, label in CommitmentStatus.choices
            if counts[status]
        ],
        "milestone_count": sum(len(c.milestone_list) for c in commitments),
        "overdue_count": sum(m.overdue for c in commitments for m in c.milestone_list),
        # Computed or read only when the kept HTML is rendered anew:
        "timeline": SimpleLazyObject(
            lambda: build_timeline(plan.period_start, plan.period_end, commitments, today)
        ),
        "csv_url": plan.get_url(request) + plan.reverse_subpage("export_csv"),
        "json_url": plan.get_url(request) + plan.reverse_subpage("export_json"),
        "meetings": plan.meetings.all(),
        "links": plan.links.all(),
        "documents": SimpleLazyObject(lambda: attached_documents(plan.documents)),
    }


def commitment_context(commitment, request):
    today = site_today(request)
    commitment.milestone_list = list(
        commitment.milestones.select_related("responsible_institution")
    )
    commitment.partner_list = list(commitment.partners.select_related("institution"))
    prepare_commitments([commitment], today, translation.get_language())
    related = keep_public(item.page for item in commitment.related_pages.select_related("page"))
    plan = commitment.get_parent().specific
    return {
        "today": today,
        "plan": plan,
        "milestones": commitment.milestone_list,
        "progress_updates": commitment.progress_updates.filter(live=True),
        "latest_assessment": commitment.assessments.first(),
        "documents": attached_documents(commitment.documents),
        "related": related,
        "policy_areas": commitment.policy_areas.all(),
        "print_url": commitment.get_url(request) + commitment.reverse_subpage("print"),
        "ogp_values": commitment.ogp_values(),
    }
