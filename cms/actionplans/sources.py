"""What action plans give the shared registries: milestone deadlines on the civic calendar
and plans and commitments in the site search."""

import datetime
import zoneinfo

from django.utils.translation import gettext_lazy as _

from cms.core.calendar import Occurrence, calendar_lookups
from cms.core.search_sources import SearchSource
from cms.core.sites import profile_for_site

from .models import Milestone

SEARCH_SOURCE = SearchSource(
    kind="plans",
    label=_("Action plans and commitments"),
    order=30,
    page_models=("actionplans.ActionPlanPage", "actionplans.CommitmentPage"),
)


def milestones_source(site, locale, start, end):
    """Each milestone of the site's public commitments in `locale`, on its end date."""
    zone = zoneinfo.ZoneInfo(profile_for_site(site).time_zone)
    lookups = calendar_lookups(site, locale)
    if lookups.home is None:
        return []
    milestones = (
        lookups.attached_to_public_pages(Milestone.objects, "commitment")
        .filter(
            commitment__path__startswith=lookups.home.path,
            commitment__locale=locale,
            end_date__gte=(start.astimezone(zone) - datetime.timedelta(days=1)).date(),
            end_date__lte=end.astimezone(zone).date(),
        )
        .select_related("commitment")
        .order_by("end_date")
    )
    found = []
    for milestone in milestones:
        day_start = datetime.datetime.combine(milestone.end_date, datetime.time(), zone)
        commitment = milestone.commitment
        found.append(
            Occurrence(
                title=f"{commitment.code}: {milestone.deliverable}",
                start=day_start,
                end=day_start + datetime.timedelta(days=1),
                all_day=True,
                url=commitment.get_url(),
                uid=f"milestone-{milestone.translation_key}-{locale.language_code}@{site.hostname}",
                kind="milestone",
                summary=str(milestone.get_status_display()),
                tags=frozenset({"kind:milestone", f"status:{milestone.status}"}),
                page_id=commitment.pk,
            )
        )
    return found
