"""The "Translators" group: translate and submit for approval, never publish or delete.

Translatable snippets have draft state: translators save drafts, Wagtail's "Editors" and
"Moderators" groups publish them."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.models.i18n import TranslatableMixin
from wagtail.snippets.models import get_snippet_models

TRANSLATORS = "Translators"
#: Wagtail's own groups (created by its migrations), which publish translatable snippets.
PUBLISHERS = ("Editors", "Moderators")
SNIPPET_PUBLISHER_ACTIONS = ("add", "change", "view", "publish")

#: Page permissions of the group, on the root so every site and language tree is covered.
PAGE_PERMISSIONS = ("add_page", "change_page")
GLOBAL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_translators_group():
    """Create or complete the group (idempotent; run after every migrate)."""
    group, _ = Group.objects.get_or_create(name=TRANSLATORS)
    wanted = [_permission(app, codename) for app, codename in GLOBAL_PERMISSIONS]
    for model in translatable_snippet_models():
        meta = model._meta
        for action in ("add", "change", "view"):
            wanted.append(_permission(meta.app_label, f"{action}_{meta.model_name}"))
    group.permissions.add(*[perm for perm in wanted if perm is not None])

    root = Page.get_first_root_node()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = _permission("wagtailcore", codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = _permission(app_label, codename)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group


def ensure_snippet_publishers():
    """Editors and Moderators may add, change and publish translatable snippets
    (idempotent; run after every migrate). Groups that do not exist are not created."""
    wanted = [
        _permission(model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in translatable_snippet_models()
        for action in SNIPPET_PUBLISHER_ACTIONS
    ]
    wanted = [perm for perm in wanted if perm is not None]
    for group in Group.objects.filter(name__in=PUBLISHERS):
        group.permissions.add(*wanted)


def is_translator_only(user, page=None):
    """A member of Translators who is not a superuser and may not publish (the page)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    if not user.groups.filter(name=TRANSLATORS).exists():
        return False
    if page is not None:
        return not page.permissions_for_user(user).can_publish()
    return True
