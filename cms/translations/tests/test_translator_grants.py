"""Nothing a translator saves becomes public: every permission of the Translators group is
on a page (never publish), on a model with a draft state (never publish), or on a short
list of grants that show nothing to the public by themselves."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    DraftStateMixin,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
)

from cms.translations.roles import TRANSLATORS

pytestmark = pytest.mark.django_db

#: (app label, codename): why holding it publishes nothing.
NOT_PUBLIC = {
    ("wagtailadmin", "access_admin"): "signs in to the admin, changes no content",
    ("wagtail_localize", "submit_translation"): "starts a translation; its target is a draft",
}
#: Collection permissions that only let a translator pick existing images and documents.
COLLECTION_GRANTS = {("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")}
PAGE_GRANTS = {"add_page", "change_page"}


def _group():
    return Group.objects.get(name=TRANSLATORS)


def test_every_model_a_translator_may_change_has_a_draft_state_they_cannot_publish():
    group = _group()
    granted = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in group.permissions.select_related("content_type")
    }
    assert granted, "the Translators group has no permissions at all"
    for key, perm in granted.items():
        if key in NOT_PUBLIC:
            continue
        model = perm.content_type.model_class()
        assert model is not None, key
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        assert issubclass(model, DraftStateMixin) or issubclass(model, Page), (
            f"Translators may {perm.codename} on {label}, which has no draft state: "
            "what they save would be public at once"
        )
        publish = (model._meta.app_label, f"publish_{model._meta.model_name}")
        assert publish not in granted, f"Translators may publish {label}"


def test_translators_add_and_change_pages_but_never_publish_them():
    group = _group()
    page_grants = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert page_grants == PAGE_GRANTS


def test_translators_only_choose_images_and_documents_and_hold_no_site_grants():
    group = _group()
    collection_grants = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__content_type__app_label", "permission__codename"
        )
    )
    assert collection_grants <= COLLECTION_GRANTS
    assert not GroupSitePermission.objects.filter(group=group).exists()


def test_every_translatable_snippet_has_a_draft_state():
    """Translators are granted every translatable snippet model (and wagtail-localize saves
    a translation of a snippet without a draft state straight onto the live object)."""
    from cms.translations.roles import translatable_snippet_models

    without = [
        model._meta.label
        for model in translatable_snippet_models()
        if not issubclass(model, DraftStateMixin)
    ]
    assert without == []
