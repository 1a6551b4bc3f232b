"""Budget cycles on the civic calendar: the dates their phases begin and end, and the
milestones of the winning projects."""

import datetime
import zoneinfo

from django.utils import translation
from django.utils.translation import gettext as _

from cms.core.calendar import Occurrence, calendar_lookups
from cms.core.sites import profile_for_site
from plugins.budgets.models import BudgetCyclePage, ProjectMilestone, ProjectStatus


def phase_moments():
    """(field, title) of the dated moments of a cycle, in the active language."""
    return (
        ("proposals_open", _("Proposals open: %(title)s")),
        ("proposals_close", _("Proposals close: %(title)s")),
        ("voting_open", _("Voting opens: %(title)s")),
        ("voting_close", _("Voting closes: %(title)s")),
        ("results_at", _("Results published: %(title)s")),
    )


def budget_dates(site, locale, start, end):
    lookups = calendar_lookups(site, locale)
    pages = list(lookups.site_pages(BudgetCyclePage))
    found = []
    with translation.override(locale.language_code):
        for page in pages:
            url = page.get_full_url()
            for name, title in phase_moments():
                moment = getattr(page, name)
                if moment is None or not (start <= moment < end):
                    continue
                found.append(
                    Occurrence(
                        title=title % {"title": page.title},
                        start=moment,
                        end=moment,
                        all_day=False,
                        url=url,
                        uid=f"budget-{name}-{page.translation_key}.{locale.language_code}@hromada",
                        kind="budget_phase",
                        tags=frozenset({"kind:budget_phase"}),
                        page_id=page.pk,
                    )
                )
        found += _milestones(lookups, start, end, pages)
    return found


def _milestones(lookups, start, end, pages):
    site, locale = lookups.site, lookups.locale
    if not pages:
        return []
    zone = zoneinfo.ZoneInfo(profile_for_site(site).time_zone)
    by_key = {page.translation_key: page for page in pages}
    first = {}
    for source in BudgetCyclePage.objects.filter(translation_key__in=by_key).order_by("-pk"):
        first[source.translation_key] = source
    # Projects belong to the first language version: while it is private they are hidden.
    sources = [source.pk for source in lookups.keep_public(first.values())]
    milestones = (
        ProjectMilestone.objects.filter(
            project__cycle__in=sources,
            project__status=ProjectStatus.SELECTED,
            due_date__gte=(start.astimezone(zone) - datetime.timedelta(days=1)).date(),
            due_date__lte=end.astimezone(zone).date(),
        )
        .select_related("project", "project__cycle")
        .order_by("due_date", "pk")
    )
    found = []
    for milestone in milestones:
        project = milestone.project
        page = by_key[project.cycle.translation_key]
        day = datetime.datetime.combine(milestone.due_date, datetime.time(), zone)
        if not (start < day + datetime.timedelta(days=1) and day < end):
            continue
        found.append(
            Occurrence(
                title=f"{project.title}: {milestone.title}",
                start=day,
                end=day + datetime.timedelta(days=1),
                all_day=True,
                url=page.get_full_url() + page.reverse_subpage("project_view", args=[project.pk]),
                uid=f"budget-milestone-{milestone.pk}.{locale.language_code}@hromada",
                kind="budget_milestone",
                summary=_("Done") if milestone.done_at else "",
                tags=frozenset({"kind:budget_milestone"}),
                page_id=page.pk,
            )
        )
    return found
