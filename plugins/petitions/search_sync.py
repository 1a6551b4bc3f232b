"""Keeps the petitions' search entries in step with their index page: a petition is found only
while the petitions index it was started on is live and public, so a view restriction on the
index (or an ancestor), or unpublishing it, takes its petitions out of the site search, and
lifting it brings them back. (The search app re-reads pages on these changes; petitions are
not pages.)"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished


def resync_petitions_under(page):
    from cms.search.sync import sync_object
    from plugins.petitions.models import Petition, PetitionIndexPage

    indexes = PetitionIndexPage.objects.descendant_of(page, inclusive=True).values("pk")
    for petition in Petition.objects.filter(index__in=indexes).select_related("index"):
        sync_object(petition)


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        resync_petitions_under(page)


def on_page_changed(sender, instance, **kwargs):
    resync_petitions_under(instance)


def connect():
    for signal, suffix in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"petitions_search_restriction_{suffix}",
        )
    page_published.connect(on_page_changed, dispatch_uid="petitions_search_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="petitions_search_unpublished")
