"""Petitions on the civic calendar: when a collection of signatures ends and when the
council's answer is due. Every language version of the site's petitions index shows the
site's petitions, so each language's calendar has them all."""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from cms.core.calendar import Occurrence, calendar_lookups
from plugins.petitions.models import PetitionIndexPage, PetitionStatus
from plugins.petitions.visibility import site_petitions

COLLECTION_END = "petition_collection_end"
ANSWER_DUE = "petition_answer_due"


def petition_dates(site, locale, start, end):
    lookups = calendar_lookups(site, locale)
    index = lookups.site_pages(PetitionIndexPage).first()
    if index is None:
        return []
    petitions = (
        site_petitions(index, lookups)
        .public()
        .filter(
            Q(
                status=PetitionStatus.COLLECTING,
                collection_ends_at__gte=start,
                collection_ends_at__lt=end,
            )
            | Q(
                status=PetitionStatus.CONSIDERATION,
                answer_due_at__gte=start,
                answer_due_at__lt=end,
            )
        )
        .order_by("pk")
    )
    base = index.get_full_url()
    if not base:
        return []
    found = []
    with translation.override(locale.language_code):
        for petition in petitions:
            url = base + index.reverse_subpage("detail_view", kwargs={"pk": petition.pk})
            if petition.status == PetitionStatus.COLLECTING:
                kind, moment = COLLECTION_END, petition.collection_ends_at
                title = _("Petition: signatures close: %(title)s")
            else:
                kind, moment = ANSWER_DUE, petition.answer_due_at
                title = _("Petition: the council's answer is due: %(title)s")
            found.append(
                Occurrence(
                    title=title % {"title": petition.title},
                    start=moment,
                    end=moment,
                    all_day=False,
                    url=url,
                    uid=f"petition-{petition.public_id}-{kind}.{locale.language_code}@hromada",
                    kind=kind,
                    summary=petition.request[:300],
                    tags=frozenset({f"kind:{kind}"}),
                    page_id=index.pk,
                )
            )
    return found
