"""Building plans and commitments for tests, fast (no revisions), under a demo site's home."""

import datetime

from wagtail.models import Locale, Site

from cms.actionplans.choices import MilestoneStatus
from cms.actionplans.models import (
    ActionPlanPage,
    CommitmentPage,
    CommitmentPartner,
    Institution,
    Milestone,
)


def home_of(site_slug, language=None):
    home = Site.objects.get(site_name=site_slug).root_page
    if language:
        home = home.get_translation(Locale.objects.get(language_code=language))
    return home.specific


def make_plan(site_slug="ternopil", slug="test-plan", **fields):
    home = home_of(site_slug)
    plan = ActionPlanPage(
        title=fields.pop("title", "Test plan"),
        slug=slug,
        jurisdiction="Test jurisdiction",
        period_start=fields.pop("period_start", datetime.date(2021, 1, 1)),
        period_end=fields.pop("period_end", datetime.date(2023, 12, 31)),
        **fields,
    )
    home.add_child(instance=plan)
    return plan


def make_institution(name="Test council", locale=None):
    return Institution.objects.create(
        name=name, locale=locale or Locale.objects.get(language_code="uk")
    )


def make_commitment(plan, code, milestones=(), institution=None, partner=None, **fields):
    """`milestones`: (status, weight, end_date[, percent_complete]) tuples."""
    commitment = CommitmentPage(
        title=fields.pop("title", f"Commitment {code}"),
        slug=code.lower(),
        code=code,
        lead_institution=institution,
        **fields,
    )
    plan.add_child(instance=commitment)
    Milestone.objects.bulk_create(
        Milestone(
            commitment=commitment,
            locale_id=commitment.locale_id,
            deliverable=f"{code} step {index}",
            status=item[0],
            weight=item[1],
            end_date=item[2],
            start_date=item[2] - datetime.timedelta(days=90),
            percent_complete=item[3] if len(item) > 3 else None,
            sort_order=index,
            responsible_institution=institution,
        )
        for index, item in enumerate(milestones)
    )
    if partner is not None:
        CommitmentPartner.objects.create(
            commitment=commitment, institution=partner, locale_id=commitment.locale_id
        )
    return commitment


DONE = MilestoneStatus.COMPLETED
DOING = MilestoneStatus.IN_PROGRESS
TODO = MilestoneStatus.NOT_STARTED
LATE = MilestoneStatus.DELAYED
DROPPED = MilestoneStatus.CANCELLED
