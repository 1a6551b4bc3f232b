"""Progress roll-up and overdue detection: the numbers citizens read."""

import datetime
from types import SimpleNamespace

import pytest

from cms.actionplans.choices import CommitmentStatus
from cms.actionplans.progress import (
    commitment_progress,
    commitment_status,
    is_overdue,
    local_today,
    plan_progress,
)

from .factories import DOING, DONE, DROPPED, LATE, TODO

DAY = datetime.date(2023, 6, 30)


def m(status, weight=1, end=DAY, percent=None):
    return SimpleNamespace(status=status, weight=weight, end_date=end, percent_complete=percent)


def test_progress_is_weighted():
    assert commitment_progress([m(DONE, 3), m(TODO, 1)]) == 75
    assert commitment_progress([m(DONE, 1), m(TODO, 3)]) == 25


def test_partial_progress_of_a_milestone_in_progress_counts_by_its_weight():
    assert commitment_progress([m(DONE, 1), m(DOING, 1, percent=50)]) == 75
    assert commitment_progress([m(DOING, 2, percent=30), m(TODO, 2)]) == 15


def test_cancelled_milestones_are_left_out():
    assert commitment_progress([m(DONE, 1), m(DROPPED, 5)]) == 100
    assert commitment_progress([m(DONE, 1), m(TODO, 1), m(DROPPED, 10)]) == 50


def test_empty_or_all_cancelled_commitment_has_no_progress():
    assert commitment_progress([]) is None
    assert commitment_progress([m(DROPPED), m(DROPPED)]) is None


def test_100_only_when_every_counted_milestone_is_completed():
    assert commitment_progress([m(DONE, 999), m(TODO, 1)]) == 99
    assert commitment_progress([m(DONE, 1), m(DOING, 1, percent=100)]) == 99
    assert commitment_progress([m(DONE, 1), m(DONE, 0)]) == 100


def test_zero_weights_count_equally():
    assert commitment_progress([m(DONE, 0), m(TODO, 0)]) == 50


def test_negative_weights_never_lower_progress():
    assert commitment_progress([m(DONE, 1), m(TODO, -5)]) == 99


def test_plan_progress_is_the_mean_of_commitments_with_progress():
    assert plan_progress([100, 50, None]) == 75
    assert plan_progress([None, None]) is None
    assert plan_progress([]) is None
    assert plan_progress([100, 99]) == 99
    assert plan_progress([100, 100]) == 100


def test_commitment_status():
    today = DAY
    assert commitment_status([], today) == CommitmentStatus.NO_MILESTONES
    assert commitment_status([m(DROPPED)], today) == CommitmentStatus.CANCELLED
    assert commitment_status([m(DONE), m(DROPPED)], today) == CommitmentStatus.COMPLETED
    assert commitment_status([m(DONE), m(TODO)], today) == CommitmentStatus.IN_PROGRESS
    assert commitment_status([m(TODO), m(TODO)], today) == CommitmentStatus.NOT_STARTED
    assert commitment_status([m(DONE), m(LATE)], today) == CommitmentStatus.DELAYED
    overdue = m(TODO, end=today - datetime.timedelta(days=1))
    assert commitment_status([overdue], today) == CommitmentStatus.DELAYED


@pytest.mark.parametrize("status", [TODO, DOING, LATE])
def test_unfinished_milestone_is_overdue_the_day_after_its_end(status):
    assert not is_overdue(m(status, end=DAY), DAY)
    assert is_overdue(m(status, end=DAY), DAY + datetime.timedelta(days=1))


@pytest.mark.parametrize("status", [DONE, DROPPED])
def test_completed_or_cancelled_milestone_is_never_overdue(status):
    assert not is_overdue(m(status, end=DAY), DAY + datetime.timedelta(days=400))


@pytest.mark.parametrize(
    "utc,zone,expected",
    [
        # 23:30 UTC on 30 June is already 1 July in Kyiv (UTC+3 in summer).
        ("2023-06-30T23:30:00+00:00", "Europe/Kyiv", datetime.date(2023, 7, 1)),
        ("2023-06-30T23:30:00+00:00", "UTC", datetime.date(2023, 6, 30)),
        # 21:30 UTC: midnight has passed in Kyiv, not in Bratislava (UTC+2).
        ("2023-06-30T21:30:00+00:00", "Europe/Kyiv", datetime.date(2023, 7, 1)),
        ("2023-06-30T21:30:00+00:00", "Europe/Bratislava", datetime.date(2023, 6, 30)),
        # Winter: Kyiv is UTC+2, so 21:59 UTC on 31 December is still the old year.
        ("2023-12-31T21:59:00+00:00", "Europe/Kyiv", datetime.date(2023, 12, 31)),
        ("2023-12-31T22:00:00+00:00", "Europe/Kyiv", datetime.date(2024, 1, 1)),
    ],
)
def test_local_today_follows_the_site_time_zone(utc, zone, expected):
    assert local_today(zone, datetime.datetime.fromisoformat(utc)) == expected


def test_overdue_depends_on_the_site_calendar_not_utc():
    now = datetime.datetime.fromisoformat("2023-06-30T23:30:00+00:00")
    milestone = m(DOING, end=DAY)
    assert is_overdue(milestone, local_today("Europe/Kyiv", now))
    assert not is_overdue(milestone, local_today("UTC", now))
