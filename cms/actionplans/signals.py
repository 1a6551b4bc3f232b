"""Purge the front cache of every page that shows what an editor just changed: a plan shows
its commitments' progress (and its exports carry every language), a commitment its updates."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished


def _purge(pages):
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for page in pages:
        batch.add_page(page)
    batch.purge()


def _plans_of(commitment):
    plan = commitment.get_parent()
    return [p.specific for p in plan.get_translations(inclusive=True).live()]


def commitment_changed(sender, instance, **kwargs):
    _purge(_plans_of(instance))


def progress_update_changed(sender, instance, **kwargs):
    commitment = instance.commitment
    _purge([commitment, *_plans_of(commitment)])


def institution_changed(sender, instance, **kwargs):
    from .models import ActionPlanPage, CommitmentPage

    _purge([*ActionPlanPage.objects.live(), *CommitmentPage.objects.live()])


def connect():
    from .models import CommitmentPage, Institution, ProgressUpdate

    page_published.connect(commitment_changed, sender=CommitmentPage, dispatch_uid="ap-pub")
    page_unpublished.connect(commitment_changed, sender=CommitmentPage, dispatch_uid="ap-unpub")
    for signal in (post_save, post_delete):
        signal.connect(
            progress_update_changed, sender=ProgressUpdate, dispatch_uid=f"ap-pu-{signal}"
        )
        signal.connect(institution_changed, sender=Institution, dispatch_uid=f"ap-inst-{signal}")
