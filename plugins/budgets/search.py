"""Projects in the site search: every submitted proposal is public (as in CONSUL), found
under its cycle with its review; withdrawn ones and those of a non-public cycle are not."""

from cms.core.search_sources import SearchItem
from cms.core.sites import site_for_page
from cms.core.visibility import is_public
from plugins.budgets.models import BudgetProject, ProjectStatus


def project_items(project):
    if project.status == ProjectStatus.WITHDRAWN:
        return []
    page = project.cycle
    if page is None or not is_public(page):
        return []
    site = site_for_page(page)
    url_parts = page.get_url_parts()
    if site is None or url_parts is None:
        return []
    text = "\n".join(
        part for part in (project.description, project.location, project.review_reason) if part
    )
    return [
        SearchItem(
            site_id=site.pk,
            language=page.locale.language_code,
            title=project.title,
            text=text,
            url=url_parts[2] + page.reverse_subpage("project_view", args=[project.pk]),
            date=project.created_at,
        )
    ]


def indexed_projects():
    return (
        BudgetProject.objects.exclude(status=ProjectStatus.WITHDRAWN)
        .select_related("cycle")
        .order_by("pk")
    )
