"""Translations reach the public only through the moderation workflow.

wagtail-localize's editor has no "submit for moderation" action, and its
`save_target(publish=False)` writes the draft text onto an already live translation at once.
`save_translation_draft` keeps the live page or snippet untouched (a new revision only), and
`submit_for_moderation` starts the page's workflow on that revision.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page, Workflow, WorkflowPage, WorkflowState

from cms.translations.slugs import slug_for


class NoWorkflowError(Exception):
    """The page is not covered by any active workflow."""


def target_of(translation):
    try:
        return translation.source.get_translated_instance(translation.target_locale)
    except ObjectDoesNotExist:
        return None


@transaction.atomic
def save_translation_draft(translation, user=None):
    """Save the current translated strings as a draft revision of the target page or
    snippet (a new target is created as a draft)."""
    source, locale = translation.source, translation.target_locale
    target = target_of(translation)
    if target is None or not isinstance(target, DraftStateMixin) or not target.live:
        translation.save_target(user=user, publish=False)
        return target_of(translation)
    draft = source.get_ephemeral_translated_instance(locale, fallback=True)
    if not isinstance(draft, Page):
        draft.save_revision(user=user)
        return draft
    draft.slug = find_available_slug(
        draft.get_parent(),
        slug_for(draft.slug, locale.language_code) or target.slug,
        ignore_page_id=draft.id,
    )
    draft.save_revision(user=user)
    return draft


@transaction.atomic
def submit_for_moderation(translation, user):
    """Save the translation as a draft and send it to the page's workflow; returns the page."""
    page = save_translation_draft(translation, user)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflowError
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        if state is not None:
            state.cancel(user=user)
        workflow.start(page, user)
    return page


def default_workflow():
    return Workflow.objects.filter(active=True).order_by("pk").first()


def ensure_workflow_covers_trees(log=None):
    """Every home page of every site and language has an active workflow (assign the
    default one where none is found through its ancestors). Returns the pages assigned."""
    workflow = default_workflow()
    assigned = []
    if workflow is None:
        return assigned
    for home in Page.objects.filter(depth=2):
        if home.get_workflow() is None:
            WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
            assigned.append(home)
            if log:
                log(f"Workflow {workflow.name!r} assigned to {home.title}")
    return assigned
