"""The public pages of a cycle: the cycle with its timeline, budget and filtered projects, and
one project with its review and implementation. Cacheable: no session, no CSRF token."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale

from plugins.budgets.counting import count
from plugins.budgets.models import (
    BudgetCyclePage,
    ProjectMilestone,
    ProjectSpending,
    ProjectStatus,
)
from plugins.budgets.tests.cycle_helpers import cast, make_cycle, make_projects

pytestmark = pytest.mark.django_db
HOST = "ternopil.localhost"


def get(client, page, route="", *args, **params):
    path = page.url + (page.reverse_subpage(route, args=args) if route else "")
    return client.get(path, params, headers={"host": HOST})


def a_cycle(phase="voting"):
    cycle = make_cycle(
        phase=phase,
        total=Decimal(300000),
        districts=[("Центр", 100000), ("Дружба", 50000)],
        categories=["Парки", "Освіта"],
    )
    centre, druzhba = cycle.source_districts()
    parks, education = cycle.source_categories()
    projects = {
        "fountain": make_projects(
            cycle, [80000], district=centre, category=parks, title="Фонтан у сквері"
        )[0],
        "library": make_projects(
            cycle, [40000], district=druzhba, category=education, title="Бібліотека для дітей"
        )[0],
        "track": make_projects(cycle, [120000], category=parks, title="Бігова доріжка")[0],
        "tower": make_projects(
            cycle,
            [900000],
            status=ProjectStatus.INFEASIBLE,
            title="Телевежа",
            review_reason="Земля належить державі.",
        )[0],
        "old": make_projects(
            cycle, [1000], status=ProjectStatus.WITHDRAWN, title="Відкликаний проєкт"
        )[0],
    }
    return cycle, projects


def test_the_cycle_shows_its_phase_timeline_money_and_projects(client):
    cycle, projects = a_cycle("voting")
    response = get(client, cycle)
    assert response.status_code == 200
    html = response.content.decode()
    assert cycle.title in html
    assert 'aria-current="step"' in html  # the current phase in the timeline
    assert html.count("budget-timeline__phase") >= 5
    assert cycle.reverse_subpage("vote_view") in html  # voting is open: a way to vote
    assert cycle.reverse_subpage("propose_view") not in html
    for name in ("Центр", "Дружба"):
        assert name in html
    for key in ("fountain", "library", "track", "tower"):
        assert projects[key].title in html
    assert "Відкликаний проєкт" not in html  # withdrawn proposals only when asked for
    assert "budget-status--infeasible" in html
    # Cacheable: nothing personal, no session started.
    assert "csrfmiddlewaretoken" not in html
    assert "sessionid" not in response.cookies


def test_filters_work_without_javascript_and_ignore_nonsense(client):
    cycle, projects = a_cycle("voting")
    centre, _druzhba = cycle.source_districts()
    parks, _education = cycle.source_categories()

    html = get(client, cycle, "projects_view", district=centre.pk).content.decode()
    assert projects["fountain"].title in html
    assert projects["library"].title not in html and projects["track"].title not in html

    html = get(client, cycle, "projects_view", category=parks.pk).content.decode()
    assert projects["fountain"].title in html and projects["track"].title in html
    assert projects["library"].title not in html

    html = get(client, cycle, "projects_view", status="infeasible").content.decode()
    assert projects["tower"].title in html and projects["fountain"].title not in html

    html = get(client, cycle, "projects_view", status="withdrawn").content.decode()
    assert "Відкликаний проєкт" in html

    response = get(client, cycle, "projects_view", district="x'; DROP", status="<b>")
    assert response.status_code == 200
    html = response.content.decode()
    assert all(projects[k].title in html for k in ("fountain", "library", "track"))
    assert "<b>" not in html


def test_a_project_shows_its_review_and_votes_only_after_the_results(client):
    cycle, projects = a_cycle("voting")
    tower = projects["tower"]
    html = get(client, cycle, "project_view", tower.pk).content.decode()
    assert "Земля належить державі." in html  # the public reason of the review
    assert "budget-status--infeasible" in html

    fountain = projects["fountain"]
    fountain.reviewed_cost = Decimal("85000")
    fountain.save()
    cast(cycle, [fountain], times=3)
    html = get(client, cycle, "project_view", fountain.pk).content.decode()
    assert "85" in html and "80" in html  # the author's estimate and the reviewed cost
    assert "Фонтан у сквері" in html
    assert "budget-results" not in html and "selected for funding" not in html

    cycle.voting_close = cycle.voting_open + datetime.timedelta(days=1)
    cycle.results_at = cycle.voting_close + datetime.timedelta(days=1)
    cycle.save_revision().publish()
    count(cycle)
    cycle = BudgetCyclePage.objects.get(pk=cycle.pk)
    html = get(client, cycle, "project_view", fountain.pk).content.decode()
    assert "<dd>3 – <strong>" in html  # its votes, and that it won


def test_a_winning_project_shows_its_implementation(client):
    cycle, projects = a_cycle("results")
    fountain = projects["fountain"]
    cast(cycle, [fountain], times=5)
    count(cycle)
    ProjectMilestone.objects.create(
        project=fountain, title="Проєктна документація", done_at=datetime.date(2026, 3, 1)
    )
    ProjectMilestone.objects.create(
        project=fountain, title="Будівництво", due_date=datetime.date(2026, 9, 1)
    )
    ProjectSpending.objects.create(
        project=fountain, date=datetime.date(2026, 3, 2), amount=Decimal(20000), note="Проєкт"
    )
    html = get(client, cycle, "project_view", fountain.pk).content.decode()
    assert "Проєктна документація" in html and "Будівництво" in html
    assert '<progress class="progress__bar" max="100" value="25"' in html  # 20 000 of 80 000
    library = projects["library"]  # nobody voted for it: not selected, no implementation
    html = get(client, cycle, "project_view", library.pk).content.decode()
    assert "progress__bar" not in html


def test_every_route_works_on_a_translation_with_the_same_projects(client):
    cycle, projects = a_cycle("voting")
    english = cycle.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Civic budget in English"
    english.save_revision().publish()
    english = BudgetCyclePage.objects.get(pk=english.pk)
    html = get(client, english).content.decode()
    assert "Civic budget in English" in html and projects["fountain"].title in html
    assert get(client, english, "project_view", projects["tower"].pk).status_code == 200
    # A project of another cycle is not found under this one.
    other, other_projects = a_cycle("voting")
    assert get(client, english, "project_view", other_projects["tower"].pk).status_code == 404
