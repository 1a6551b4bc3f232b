"""Keeps the projects' search entries in step with their cycle page: a project is found only
while the cycle it was proposed on is live and public, so a view restriction on the cycle (or
an ancestor), or unpublishing it, takes its projects out of the site search at once, and
lifting it brings them back; the same on one language version changes that language's
entries only. (The search app re-reads pages on these changes; projects are
not pages.)"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished


def resync_projects_under(page):
    from cms.search.sync import sync_object
    from plugins.budgets.models import BudgetCyclePage, BudgetProject

    keys = BudgetCyclePage.objects.descendant_of(page, inclusive=True).values("translation_key")
    projects = BudgetProject.objects.filter(cycle__translation_key__in=keys)
    for project in projects.select_related("cycle"):
        sync_object(project)


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        resync_projects_under(page)


def on_page_changed(sender, instance, **kwargs):
    resync_projects_under(instance)


def on_cycle_deleted(sender, instance, **kwargs):
    """A deleted language version: the projects' entries of its language go."""
    from cms.search.sync import sync_object
    from plugins.budgets.models import BudgetProject

    projects = BudgetProject.objects.filter(cycle__translation_key=instance.translation_key)
    for project in projects.select_related("cycle"):
        sync_object(project)


def connect():
    from plugins.budgets.models import BudgetCyclePage

    post_delete.connect(
        on_cycle_deleted, sender=BudgetCyclePage, dispatch_uid="budgets_search_cycle_deleted"
    )
    for signal, suffix in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"budgets_search_restriction_{suffix}",
        )
    page_published.connect(on_page_changed, dispatch_uid="budgets_search_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="budgets_search_unpublished")
