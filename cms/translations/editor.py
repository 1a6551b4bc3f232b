"""wagtail-localize's translation editor, as a translator should meet it.

- The footer's last action is its main button; wagtail-localize puts "Delete" there for
  whoever may delete but not publish or lock. "Delete" is left out of the footer then (it
  stays in the page explorer's menu).
- A translator never deletes a page (see `translators_do_not_delete`) and never turns a
  translation back into an alias of its source (that throws their work away): the editor's
  footer offers neither "Delete" nor "Convert to alias page" to them, and the convert view,
  mounted on wagtail-localize's own path ahead of its view, refuses them.
- "Submit translation for approval" is shown at the top of the editor to whoever may edit the
  page, since wagtail-localize's editor header has no place for page header buttons.

The editor is a React component fed by a JSON `data-props` attribute; the project's
`wagtail_localize/admin/edit_translation.html` extends wagtail-localize's template of the
same name and passes that JSON through `editor_props` below. Nothing is copied from it.
"""

import json

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.views import convert

from cms.translations.roles import is_translator_only


def _actions_after_delete(data):
    """Whether the footer has an action after "Delete" (the last one present is the main
    button): lock, unlock, unpublish or publish."""
    perms, locked = data.get("perms", {}), data.get("object", {}).get("isLocked")
    return bool(
        (perms.get("canLock") and not locked)
        or (perms.get("canUnlock") and locked)
        or perms.get("canUnpublish")
        or perms.get("canPublish")
    )


def editor_props(props, user, instance):
    """The editor's props (JSON text) as this user should meet them: "Delete" never the main
    button (it stays in the page explorer), and for a translator neither "Delete" nor
    "Convert to alias page"."""
    data = json.loads(props)
    perms, links = data.setdefault("perms", {}), data.setdefault("links", {})
    translator = isinstance(instance, Page) and is_translator_only(user, instance)
    if translator or not _actions_after_delete(data):
        perms["canDelete"] = False
    if translator:
        links["convertToAliasUrl"] = None
    return json.dumps(data)


def submit_for_approval_url(translation, instance, user):
    """The address of "Submit translation for approval" for this page translation, or None
    when the user may not edit it or it is already in a workflow."""
    if not isinstance(instance, Page) or not translation.enabled:
        return None
    if instance.workflow_in_progress or not instance.permissions_for_user(user).can_edit():
        return None
    return reverse("translations:submit_for_moderation", args=[translation.pk])


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", refused to translators."""
    page = get_object_or_404(Page, id=page_id)
    if is_translator_only(request.user, page):
        return TemplateResponse(
            request,
            "translations/refused.html",
            {
                "page_title": _("Not allowed"),
                "header_title": _("Not allowed"),
                "header_icon": "warning",
                "message": _(
                    "Translators cannot convert a translation into an alias page: it would "
                    "discard the translation. Ask an editor."
                ),
                "back_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            },
            status=403,
        )
    return convert.convert_to_alias(request, page_id)
