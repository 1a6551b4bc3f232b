"""Progress and lateness, computed from milestones: never typed twice.

A commitment's progress is the weighted mean of its milestones' progress (cancelled ones
left out); a plan's is the mean of its commitments'. Both are whole percentages, and 100
only when everything counted is completed.
"""

import zoneinfo
from fractions import Fraction

from django.utils import timezone

from .choices import CommitmentStatus, MilestoneStatus

UNFINISHED = {MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.DELAYED}


def local_today(time_zone, now=None):
    """The calendar date in `time_zone` (a site's, e.g. "Europe/Kyiv") at `now`."""
    now = now or timezone.now()
    return now.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


def is_overdue(milestone, today):
    """Past its end date (in the site's calendar) and neither completed nor cancelled."""
    return (
        milestone.status in UNFINISHED
        and milestone.end_date is not None
        and milestone.end_date < today
    )


def milestone_percent(milestone):
    if milestone.status == MilestoneStatus.COMPLETED:
        return 100
    if milestone.status in (MilestoneStatus.IN_PROGRESS, MilestoneStatus.DELAYED):
        return min(max(milestone.percent_complete or 0, 0), 100)
    return 0


def _round_half_up(value):
    return int(Fraction(value) + Fraction(1, 2))


def _capped(mean, all_done):
    """Round, but never show 100 % while something is unfinished."""
    return 100 if all_done else min(_round_half_up(mean), 99)


def commitment_progress(milestones):
    """Whole percent of a commitment, or None when no milestone counts."""
    counted = [m for m in milestones if m.status != MilestoneStatus.CANCELLED]
    if not counted:
        return None
    weights = [max(m.weight or 0, 0) for m in counted]
    if not any(weights):
        weights = [1] * len(counted)
    mean = Fraction(
        sum(w * milestone_percent(m) for w, m in zip(weights, counted, strict=True)), sum(weights)
    )
    return _capped(mean, all(m.status == MilestoneStatus.COMPLETED for m in counted))


def plan_progress(commitment_percents):
    """Whole percent of a plan from its commitments' (None ones left out), or None."""
    counted = [p for p in commitment_percents if p is not None]
    if not counted:
        return None
    return _capped(Fraction(sum(counted), len(counted)), all(p == 100 for p in counted))


def commitment_status(milestones, today):
    if not milestones:
        return CommitmentStatus.NO_MILESTONES
    counted = [m for m in milestones if m.status != MilestoneStatus.CANCELLED]
    if not counted:
        return CommitmentStatus.CANCELLED
    if all(m.status == MilestoneStatus.COMPLETED for m in counted):
        return CommitmentStatus.COMPLETED
    if any(m.status == MilestoneStatus.DELAYED or is_overdue(m, today) for m in counted):
        return CommitmentStatus.DELAYED
    if any(m.status in (MilestoneStatus.IN_PROGRESS, MilestoneStatus.COMPLETED) for m in counted):
        return CommitmentStatus.IN_PROGRESS
    return CommitmentStatus.NOT_STARTED


def status_labels():
    """The status names in the active language, translated once per page, not per row."""
    return {
        "milestone": {value: str(label) for value, label in MilestoneStatus.choices},
        "commitment": {value: str(label) for value, label in CommitmentStatus.choices},
    }


def annotate(commitment, today, labels=None):
    """Set `progress`, `computed_status` on a commitment and `overdue` and `status_label` on
    its milestones, from milestones already loaded in `commitment.milestone_list`."""
    labels = labels or status_labels()
    milestones = commitment.milestone_list
    for milestone in milestones:
        milestone.overdue = is_overdue(milestone, today)
        milestone.status_label = labels["milestone"].get(milestone.status, milestone.status)
    commitment.progress = commitment_progress(milestones)
    commitment.computed_status = commitment_status(milestones, today)
    commitment.computed_status_label = labels["commitment"][commitment.computed_status]
    commitment.dom_id = f"commitment-{commitment.pk}"
    return commitment
