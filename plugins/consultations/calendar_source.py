"""Consultation deadlines on the civic calendar (when the core offers one)."""

from django.utils import translation
from django.utils.translation import gettext as _

from cms.core.calendar import Occurrence, calendar_lookups
from plugins.consultations.models import ConsultationPage


def consultation_deadlines(site, locale, start, end):
    pages = (
        calendar_lookups(site, locale)
        .site_pages(ConsultationPage)
        .filter(closes_at__gte=start, closes_at__lt=end)
        .select_related("topic")
    )
    found = []
    with translation.override(locale.language_code):
        for page in pages:
            tags = {"kind:consultation_deadline"}
            if page.topic_id:
                tags.add(f"consultation_topic:{page.topic.slug}")
            found.append(
                Occurrence(
                    title=_("Consultation closes: %(title)s") % {"title": page.title},
                    start=page.closes_at,
                    end=page.closes_at,
                    all_day=False,
                    url=page.get_full_url(),
                    uid=f"consultation-{page.translation_key}.{locale.language_code}@hromada",
                    kind="consultation_deadline",
                    summary=page.summary,
                    tags=frozenset(tags),
                    page_id=page.pk,
                )
            )
    return found
