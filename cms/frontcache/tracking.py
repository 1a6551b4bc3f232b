"""Tags of what an answer shows, collected while it is rendered.

Every model instance loaded while a request is tracked adds tags: a page loaded with its
content (as its own class) `page-<id>` and `pages-<content type>-t<tree>` (its type within
its language tree: the answer lists such pages, so a new one of that type must drop it); a
page loaded as a plain `Page` (a link: menus, breadcrumbs, language switcher) `link-<id>`;
any other shown model `<label>-<pk>` and `<label>-all`. Models that record activity rather
than content shown are left out.
"""

import contextvars

from django.db.models.signals import post_init
from wagtail.models import Page

_collecting = contextvars.ContextVar("frontcache_tags", default=None)

IGNORED_APPS = {
    "migrations",
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "frontcache",
    "django_tasks",
    "django_tasks_db",
    "django_tasks_database",
    "wagtail_localize",
    "wagtailsearch",
    "modelsearch",
    "wagtailusers",
    "wagtailadmin",
    "wagtailembeds",
    "account",
    "socialaccount",
    "taggit",
}
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailimages.rendition",
    "search.searchentry",
}


def model_label(model):
    return model._meta.label_lower


def is_tracked(model):
    meta = model._meta
    return not (meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS)


def tree_of(path):
    """The language tree (the depth-2 home page) a page path lies in."""
    return path[: Page.steplen * 2]


def page_tags(page_id, content_type_id, path):
    tags = {f"page-{page_id}"}
    if content_type_id and path:
        tags.add(f"pages-{content_type_id}-t{tree_of(path)}")
    return tags


def instance_tags(instance):
    """The tags an answer showing `instance` carries (fields read without loading any)."""
    values = instance.__dict__
    if isinstance(instance, Page):
        page_id = values.get("id") or values.get("page_ptr_id")
        if page_id is None:
            return set()
        if type(instance) is Page:
            # Loaded as a plain Page: a link (menus, breadcrumbs, language switcher) shows
            # its title and address, not its content.
            return {f"link-{page_id}"}
        return page_tags(page_id, values.get("content_type_id"), values.get("path"))
    pk = values.get(instance._meta.pk.attname)
    if pk is None:
        return set()
    label = model_label(type(instance))
    return {f"{label}-{pk}", f"{label}-all"}


def _record_instance(sender, instance, **kwargs):
    tags = _collecting.get()
    if tags is not None and is_tracked(sender):
        tags.update(instance_tags(instance))


def start():
    """Collect tags in this context; returns the token `stop` needs."""
    return _collecting.set(set())


def add(*tags):
    collected = _collecting.get()
    if collected is not None:
        collected.update(tags)


def stop(token):
    tags = _collecting.get() or set()
    _collecting.reset(token)
    return tags


def connect():
    post_init.connect(_record_instance, dispatch_uid="frontcache-record-instance")
