"""Projects in the site search: every submitted proposal is public (as in CONSUL), found
under its cycle with its review; withdrawn ones and those of a non-public cycle are not.

A project is written once, in its author's language, but every language version of its
cycle lists and links it: it is found in each language the cycle is published in, leading
to that version's page of the project."""

from cms.core.search_sources import SearchItem
from cms.core.sites import site_for_page
from cms.core.visibility import is_public
from plugins.budgets.models import BudgetCyclePage, BudgetProject, ProjectStatus


def cycle_versions(cycle):
    """The live, public language versions of `cycle` that list its projects: none while
    the version the projects belong to is not public (see `projects_public`)."""
    source = cycle.source if cycle is not None else None
    if source is None or not is_public(source):
        return []
    versions = BudgetCyclePage.objects.filter(translation_key=source.translation_key).live()
    return [
        version
        for version in versions.select_related("locale").order_by("pk")
        if version.pk == source.pk or is_public(version)
    ]


def project_items(project):
    if project.status == ProjectStatus.WITHDRAWN:
        return []
    text = "\n".join(
        part for part in (project.description, project.location, project.review_reason) if part
    )
    items = []
    for page in cycle_versions(project.cycle):
        site = site_for_page(page)
        url_parts = page.get_url_parts()
        if site is None or url_parts is None:
            continue
        items.append(
            SearchItem(
                site_id=site.pk,
                language=page.locale.language_code,
                title=project.title,
                text=text,
                url=url_parts[2] + page.reverse_subpage("project_view", args=[project.pk]),
                date=project.created_at,
            )
        )
    return items


def indexed_projects():
    return (
        BudgetProject.objects.exclude(status=ProjectStatus.WITHDRAWN)
        .select_related("cycle")
        .order_by("pk")
    )
