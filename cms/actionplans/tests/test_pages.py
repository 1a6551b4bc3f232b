"""What citizens see on plan and commitment pages: demo content, filters, overdue, queries."""

import datetime
import re

import pytest
from django.utils import timezone

from cms.actionplans.models import ActionPlanPage, CommitmentPage

from .factories import DOING, DONE, DROPPED, TODO, make_commitment, make_institution, make_plan

pytestmark = pytest.mark.django_db

TE_PLAN = "/uk/ogp-action-plan-2021-2023/"
TE_PLAN_EN = "/en/ogp-action-plan-2021-2023/"
BB_PLAN = "/sk/akcny-plan-otvoreneho-vladnutia-2021-2023/"
BB_NEW_PLAN = "/sk/akcny-plan-otvoreneho-vladnutia-2024-2027/"


def progress_values(html):
    return [
        int(v) for v in re.findall(r'<progress class="progress__bar" max="100" value="(\d+)"', html)
    ]


def freeze(monkeypatch, iso):
    moment = datetime.datetime.fromisoformat(iso)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.parametrize(
    "site,path",
    [
        ("ternopil", TE_PLAN),
        ("ternopil", TE_PLAN_EN),
        ("banska-bystrica", BB_PLAN),
        ("banska-bystrica", "/en/open-government-action-plan-of-banska-bystrica-2021-2023/"),
        ("banska-bystrica", BB_NEW_PLAN),
    ],
)
def test_demo_plans_render_with_progress_and_timeline(get, site, path):
    response = get(site, path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "<table>" in html or "<table" in html
    assert "data/csv/" in html and "data/json/" in html
    assert progress_values(html)
    assert "style=" not in html and "<script>" not in html


def test_demo_plan_has_overdue_milestones_and_varied_statuses(get):
    html = get("ternopil", TE_PLAN_EN).content.decode()
    assert "overdue" in html
    assert "ap-status--completed" in html and "ap-status--delayed" in html


def test_empty_commitment_shows_no_progress_rather_than_zero(get):
    html = get("banska-bystrica", BB_NEW_PLAN).content.decode()
    assert "progress--none" in html


def test_commitment_page_shows_milestones_updates_and_assessment(get):
    path = TE_PLAN_EN + "te-2021-01-resident-cabinet/"
    html = get("ternopil", path).content.decode()
    assert "TE-2021-01" in html
    assert "Ternopil Resident&#x27;s Social Card" in html
    assert "Concept of Digital Transformation" in html
    assert "Latest assessment" in html and "Substantial" in html
    assert "print/" in html
    printed = get("ternopil", path + "print/")
    assert printed.status_code == 200
    assert "actionplans/print.css" in printed.content.decode()


def test_plan_and_commitments_exist_in_site_language_and_english():
    for language in ("uk", "sk", "en"):
        assert ActionPlanPage.objects.filter(locale__language_code=language).exists()
        assert CommitmentPage.objects.filter(locale__language_code=language).exists()


def test_plans_are_in_the_main_menu(get):
    assert TE_PLAN in get("ternopil", "/uk/").content.decode()
    assert BB_NEW_PLAN in get("banska-bystrica", "/sk/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?status=nonsense",
        "?value=%00",
        "?institution=abc",
        "?institution=99999999999999999999999",
        "?status=completed&status=delayed",
        "?institution=-1&value=transparency",
        "?" + "x" * 5000 + "=1",
        "?status=" + "%D0%AF" * 2000,
    ],
)
def test_bad_filter_values_never_fail(get, query):
    response = get("ternopil", TE_PLAN + query)
    assert response.status_code == 200


def test_filters_by_status_value_and_institution(get):
    plan = make_plan(slug="filters")
    council = make_institution("Council A")
    ngo = make_institution("NGO B")
    d = datetime.date(2099, 1, 1)
    make_commitment(plan, "F-1", [(DONE, 1, d)], institution=council, transparency=True)
    make_commitment(plan, "F-2", [(TODO, 1, d)], institution=council, partner=ngo)
    make_commitment(plan, "F-3", [(DOING, 1, d)], institution=ngo, participation=True)
    base = "/uk/filters/"

    def codes(query):
        html = get("ternopil", base + query).content.decode()
        return re.findall(r'<span class="ap-code">(F-\d)</span>', html)

    assert codes("") == ["F-1", "F-2", "F-3"]
    assert codes("?status=completed") == ["F-1"]
    assert codes("?value=participation") == ["F-3"]
    assert codes(f"?institution={ngo.pk}") == ["F-2", "F-3"]
    assert codes(f"?institution={council.pk}&status=not_started") == ["F-2"]
    assert codes("?status=bogus") == ["F-1", "F-2", "F-3"]


@pytest.mark.parametrize(
    "moment,site,overdue",
    [
        # The milestone ends on 30 June 2024.
        ("2024-06-30T20:59:00+00:00", "ternopil", False),  # 23:59 in Kyiv
        ("2024-06-30T21:30:00+00:00", "ternopil", True),  # 00:30 on 1 July in Kyiv
        ("2024-06-30T21:30:00+00:00", "banska-bystrica", False),  # 23:30 in Bratislava
        ("2024-06-30T23:30:00+00:00", "banska-bystrica", True),  # 01:30 on 1 July
        ("2024-06-29T23:30:00+00:00", "ternopil", False),  # 02:30 on 30 June in Kyiv
    ],
)
def test_overdue_is_shown_from_the_day_after_the_end_in_the_site_time_zone(
    get, monkeypatch, moment, site, overdue
):
    plan = make_plan(
        site,
        slug="tz",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    make_commitment(plan, "TZ-1", [(DOING, 1, datetime.date(2024, 6, 30), 50)])
    freeze(monkeypatch, moment)
    language = "uk" if site == "ternopil" else "sk"
    html = get(site, f"/{language}/tz/").content.decode()
    assert ("ap-overdue" in get(site, f"/{language}/tz/tz-1/").content.decode()) is overdue
    assert ("timeline__bar--overdue" in html) is overdue


def test_progress_on_the_page_follows_the_milestones(get):
    plan = make_plan(slug="numbers")
    d = datetime.date(2099, 1, 1)
    make_commitment(plan, "N-1", [(DONE, 3, d), (TODO, 1, d), (DROPPED, 10, d)])
    make_commitment(plan, "N-2", [(DONE, 1, d), (DOING, 1, d, 50)])
    make_commitment(plan, "N-3", [])
    html = get("ternopil", "/uk/numbers/").content.decode()
    # plan: mean of 75 and 75; then N-1 and N-2; N-3 shows no bar
    assert progress_values(html) == [75, 75, 75]
    assert html.count("progress--none") == 1


def _plan_with(count):
    plan = make_plan(slug=f"size-{count}")
    lead = make_institution(f"Lead {count}")
    partner = make_institution(f"Partner {count}")
    d = datetime.date(2022, 6, 30)
    for index in range(count):
        make_commitment(
            plan,
            f"S{count}-{index:03d}",
            [(DONE, 1, d), (DOING, 2, d, 40), (TODO, 1, d), (DROPPED, 1, d)],
            institution=lead,
            partner=partner,
            transparency=True,
        )
    return f"/uk/size-{count}/"


def test_plan_page_queries_do_not_grow_with_commitments(get, django_assert_max_num_queries):
    small, large = _plan_with(5), _plan_with(200)
    get("ternopil", "/uk/")  # the per-process caches (content types, site root paths)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert get("ternopil", small).status_code == 200
    cold = len(queries)
    assert cold > 5
    with django_assert_max_num_queries(cold):
        response = get("ternopil", large)
    assert response.status_code == 200
    assert response.content.decode().count('class="ap-commitment"') == 200
    # Served again, the plan is kept with the page frame (cms.core.chrome): the frame's
    # token, the emergency notices and the comment counts beside the commitments.
    with django_assert_max_num_queries(3):
        kept = get("ternopil", large)
    assert kept.content == response.content
