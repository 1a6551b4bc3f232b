"""What each change must drop from the front cache, as tags (see tracking for how answers
are tagged). Every kind of change goes through here, whichever app made it:

- a page published, unpublished, deleted or moved (scheduled go-live and expiry publish and
  unpublish the same way): whatever shows it or links to it (`page-<id>`, `link-<id>`), its
  own answers and its parent's (`served-…`: index pages, their filtered listings, feeds and
  calendars), the site's answers that are not pages (search, sitemap, calendars); when it
  newly appears, also the listings of its type in its language tree and its translations'
  answers (their language switcher);
- any other model shown on pages (snippets such as menus, footers, categories, venues;
  documents, images, comments, settings): whatever showed it, plus whatever showed the
  objects it points to (a comment, its page; a menu item, its menu), or, when it points to
  nothing shown and is new or just published, every answer of its site that showed objects
  of its kind (a new category in a filter).
"""

from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.models import is_bookkeeping_save
from cms.frontcache import purging
from cms.frontcache.tracking import is_tracked, model_label, page_tags, tree_of


def parent_path(path):
    return path[: -Page.steplen]


def page_change_tags(page, appears=False):
    """The tags a change to `page` (published, withdrawn, moved, deleted) drops. Listings
    that showed it carry `page-<id>`; when it `appears` (first published, published again,
    moved), every listing of its type in its language tree, which may now show it too."""
    tags = {f"page-{page.id}", f"link-{page.id}", f"served-{page.id}"}
    if appears:
        tags.update(page_tags(page.id, page.content_type_id, page.path))
    for parent_id in Page.objects.filter(path=parent_path(page.path)).values_list("id", flat=True):
        tags.add(f"served-{parent_id}")
    if appears:  # its translations' language switchers did not list it
        translations = Page.objects.filter(translation_key=page.translation_key)
        ids = translations.exclude(id=page.id).values_list("id", flat=True)
        tags.update(f"served-{pk}" for pk in ids)
    tags.update(f"nonpage-s{pk}" for pk in sites_of(page.path))
    return tags


def sites_of(path):
    """The sites that serve the language tree `path` lies in (a site's root is its home in
    its main language; the homes in its other languages are that page's translations)."""
    home = Page.objects.filter(path=tree_of(path)).values_list("translation_key", flat=True)
    return Site.objects.filter(root_page__translation_key__in=home).values_list("pk", flat=True)


def remember_live(sender, instance, **kwargs):
    """Before a page is saved: was it live already (then a publish only edits it)?"""
    if purging.enabled() and isinstance(instance, Page) and instance.pk:
        instance._frontcache_was_live = Page.objects.filter(pk=instance.pk, live=True).exists()


def page_published_handler(sender, instance, **kwargs):
    if purging.enabled():
        appears = not getattr(instance, "_frontcache_was_live", False)
        purging.queue_tags(page_change_tags(instance, appears=appears))


def page_changed(sender, instance, **kwargs):
    if purging.enabled():
        purging.queue_tags(page_change_tags(instance))


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if not purging.enabled():
        return
    tags = page_change_tags(instance, appears=True)
    tags.add(f"served-{parent_page_before.id}")
    tags.add(f"pages-{instance.content_type_id}-t{tree_of(parent_page_before.path)}")
    tags.update(f"nonpage-s{pk}" for pk in sites_of(parent_page_before.path))
    moved = Page.objects.descendant_of(instance).values_list("id", flat=True)
    tags.update(f"served-{pk}" for pk in moved)
    purging.queue_tags(tags)


def page_deleted(sender, instance, **kwargs):
    if purging.enabled() and isinstance(instance, Page):
        purging.queue_tags(page_change_tags(instance))


def object_change_tags(instance, new=False):
    """What showed `instance`, and what showed what it belongs to: the objects its foreign
    keys point to, or only its parent when it is part of one (a menu's item: its menu).
    When it belongs to nothing shown and is new (or just published), every answer that
    listed objects of its kind on its site (on every site when it has none)."""
    model = type(instance)
    label = model_label(model)
    tags = {f"{label}-{instance.pk}"}
    targets = set()
    keys = [f for f in model._meta.concrete_fields if f.many_to_one]
    parental = [f for f in keys if isinstance(f, ParentalKey)]
    for field in parental or keys:
        if not is_tracked(field.related_model):
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        if issubclass(field.related_model, Page):
            targets.add(f"page-{value}")
        else:
            targets.add(f"{model_label(field.related_model)}-{value}")
    if targets:
        return tags | targets
    if new:
        sites = [getattr(instance, f.attname) for f in keys if f.related_model is Site]
        # `-s*`: on every site (resolved when the purge is queued, after the commit).
        tags.update(f"{label}-all-s{pk}" for pk in sites if pk)
        if not any(sites):
            tags.add(f"{label}-all-s*")
    return tags


def part_of_page(model):
    """Inline rows of a page (related links, tags): saved with the page, purged with it."""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.concrete_fields
    )


def object_changed(sender, instance, update_fields=None, **kwargs):
    if not purging.enabled() or isinstance(instance, Page) or not is_tracked(sender):
        return
    if part_of_page(sender):
        return
    if instance.pk is None:
        return
    if is_bookkeeping_save(update_fields):
        return
    new = kwargs.get("created", False) or (
        isinstance(instance, DraftStateMixin) and "created" in kwargs
    )
    purging.queue_tags(object_change_tags(instance, new=new))


def site_changed(sender, instance, **kwargs):
    if purging.enabled():
        purging.queue_tags({f"site-{instance.pk}"})


def connect():
    pre_save.connect(remember_live, dispatch_uid="frontcache-page-was-live")
    page_published.connect(page_published_handler, dispatch_uid="frontcache-published")
    page_unpublished.connect(page_changed, dispatch_uid="frontcache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="frontcache-moved")
    post_delete.connect(page_deleted, dispatch_uid="frontcache-page-deleted")
    post_save.connect(object_changed, dispatch_uid="frontcache-object-saved")
    post_delete.connect(object_changed, dispatch_uid="frontcache-object-deleted")
    post_save.connect(site_changed, sender=Site, dispatch_uid="frontcache-site-saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="frontcache-site-deleted")
