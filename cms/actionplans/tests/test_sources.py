"""Milestones on the civic calendar; plans and commitments in the site search."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import Locale, Site

from cms.core.calendar import occurrences
from cms.core.search_sources import source_for_kind

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_milestone_deadlines_are_on_the_civic_calendar_in_the_site_time_zone():
    site = Site.objects.get(site_name="ternopil")
    found = occurrences(
        site,
        Locale.objects.get(language_code="en"),
        datetime.datetime(2023, 12, 1, tzinfo=UTC),
        datetime.datetime(2024, 1, 1, tzinfo=UTC),
        tags=["kind:milestone"],
    )
    assert found
    assert all(o.kind == "milestone" and o.all_day for o in found)
    assert all(o.start.utcoffset() == datetime.timedelta(hours=2) for o in found)  # Kyiv winter
    assert any(o.title.startswith("TE-2021-") for o in found)
    assert len({o.uid for o in found}) == len(found)


def test_other_sites_milestones_stay_off_the_calendar():
    site = Site.objects.get(site_name="levski")
    found = occurrences(
        site,
        Locale.objects.get(language_code="bg"),
        datetime.datetime(2020, 1, 1, tzinfo=UTC),
        datetime.datetime(2030, 1, 1, tzinfo=UTC),
        tags=["kind:milestone"],
    )
    assert found == []


def test_plans_and_commitments_are_one_kind_of_search_result():
    plans = source_for_kind("plans")
    assert {"actionplans.ActionPlanPage", "actionplans.CommitmentPage"} <= set(plans.page_models)
    with translation.override("en"):
        assert str(plans.label) == "Action plans and commitments"
    assert source_for_kind("actionplans") is None
