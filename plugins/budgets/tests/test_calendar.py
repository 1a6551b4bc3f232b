"""Budget cycles on the civic calendar: the phases' dates and the winners' milestones."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.core.calendar import kind_label, occurrences
from plugins.budgets.counting import count
from plugins.budgets.models import ProjectMilestone
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects, site

pytestmark = pytest.mark.django_db


def window(days=60):
    now = timezone.now()
    return now - datetime.timedelta(days=days), now + datetime.timedelta(days=days)


def test_phase_dates_and_milestones_of_winners_are_on_the_calendar():
    cycle = make_cycle(phase="results", total=Decimal(100), title="Бюджет для календаря")
    winner, loser = make_projects(cycle, [60, 60])
    cast(cycle, [winner], times=3)
    cast(cycle, [loser], times=1)
    count(cycle)
    due = timezone.localdate() + datetime.timedelta(days=10)
    ProjectMilestone.objects.create(project=winner, title="Будівництво", due_date=due)
    ProjectMilestone.objects.create(project=loser, title="Не буде", due_date=due)

    start, end = window()
    found = occurrences(site(), Locale.objects.get(language_code="uk"), start, end)
    mine = [o for o in found if o.page_id == cycle.pk]
    kinds = {o.kind for o in mine}
    assert kinds == {"budget_phase", "budget_milestone"}
    titles = [o.title for o in mine]
    assert any("Бюджет для календаря" in t for t in titles)
    assert any(t.endswith("Будівництво") for t in titles)
    assert not any("Не буде" in t for t in titles)  # only winners are built
    milestone = next(o for o in mine if o.kind == "budget_milestone")
    assert milestone.all_day and milestone.url.endswith(f"/projects/{winner.pk}/")
    assert str(kind_label("budget_milestone"))


def test_a_private_cycle_stays_off_the_calendar():
    cycle = make_cycle(phase="voting")
    PageViewRestriction.objects.create(page=cycle, restriction_type="login")
    start, end = window()
    found = occurrences(site(), Locale.objects.get(language_code="uk"), start, end)
    assert not [o for o in found if o.page_id == cycle.pk]
