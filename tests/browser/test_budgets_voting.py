"""Participatory budget, the citizen's side in a real browser at phone width: proposing a
project in Ukrainian, voting without JavaScript in Ukrainian and with JavaScript (the
running count) in English; a refused ballot changes nothing. axe-core finds no violation
on the forms."""

import pytest
from PIL import Image

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "a-long-Passphrase-42"
PHONE = {"width": 390, "height": 844}

SETUP = """
from datetime import timedelta
from decimal import Decimal
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site
from fixtures.pages import ensure_translation
from plugins.budgets.models import BudgetCyclePage, BudgetProject

User = get_user_model()
for email in ("olena@example.org", "ivan@example.org", "maria@example.org"):
    user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
    user.set_password("%(password)s")
    user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
home = Site.objects.get(site_name="ternopil").root_page.specific
now = timezone.now()
def cycle(slug, title, days):
    names = ("proposals_open", "proposals_close", "review_close", "voting_open",
             "voting_close", "results_at")
    page = BudgetCyclePage(
        slug=slug, title=title, locale=home.locale, total_amount=Decimal(1000000),
        currency="UAH", ballot_rule="approval", max_choices=2,
        **{n: now + timedelta(days=d) for n, d in zip(names, days)},
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
voting = cycle("biudzhet-test-holosuvannia", "Тестове голосування", (-30, -20, -10, -1, 5, 9))
ensure_translation(voting, "en", slug="budget-test-voting", title="Test voting")
for title in ("Сквер на Новому Світі", "Велодоріжка на Бережанській", "Шкільний стадіон"):
    BudgetProject.objects.create(
        cycle=voting, title=title, description="Опис проєкту.", status="feasible",
        cost_estimate=Decimal(100000),
    )
cycle("biudzhet-test-propozytsii", "Тестові пропозиції", (-3, 5, 8, 9, 12, 15))
"""

COUNT = """
from plugins.budgets.models import Ballot, BudgetProject
print(Ballot.objects.filter(cycle__slug="biudzhet-test-holosuvannia").count(),
      sorted(BudgetProject.objects.filter(cycle__slug="biudzhet-test-holosuvannia")
             .values_list("votes", flat=True)),
      BudgetProject.objects.filter(cycle__slug="biudzhet-test-propozytsii").count(), sep=" | ")
"""


@pytest.fixture(scope="module")
def budget_site(live_site):
    live_site.manage("shell", "-c", SETUP % {"password": PASSWORD})
    return live_site


def _counts(site):
    """(ballots, sorted votes, proposals) of the test cycles, from the served database."""
    ballots, votes, proposals = (
        site.manage("shell", "-c", COUNT).strip().splitlines()[-1].split(" | ")
    )
    return int(ballots), votes, int(proposals)


def _log_in(page, site, language, email):
    page.goto(site.url("ternopil", f"/{language}/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_proposing_at_phone_width_in_ukrainian(browser, budget_site, tmp_path):
    image = tmp_path / "skver.png"
    Image.new("RGB", (64, 48), (40, 140, 60)).save(image, "PNG")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _log_in(page, budget_site, "uk", "maria@example.org")
    page.goto(budget_site.url("ternopil", "/uk/biudzhet-test-propozytsii/propose/"))
    assert page.locator("html").get_attribute("lang") == "uk"
    assert axe_violations(page) == []
    assert _fits_the_phone(page)
    page.fill("input[name=title]", "Лавки біля ставу")
    page.fill("textarea[name=description]", "Десять лавок уздовж берега ставу, з урнами.")
    page.fill("input[name=location]", "Тернопільський став")
    page.fill("input[name=cost_estimate]", "2000000")  # more than the budget
    page.set_input_files("input[name=images]", str(image))
    page.locator("form.budget-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "не може перевищувати бюджет" in page.locator(".budget-errors").inner_text()
    assert page.input_value("input[name=title]") == "Лавки біля ставу"
    page.fill("input[name=cost_estimate]", "150000")
    page.set_input_files("input[name=images]", str(image))
    page.locator("form.budget-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/projects/" in page.url and "proposed=1" in page.url
    assert "Лавки біля ставу" in page.locator("main").inner_text()
    context.close()
    assert _counts(budget_site)[2] == 1


def test_voting_without_javascript_in_ukrainian(browser, budget_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    _log_in(page, budget_site, "uk", "olena@example.org")
    page.goto(budget_site.url("ternopil", "/uk/biudzhet-test-holosuvannia/vote/"))
    assert page.locator("html").get_attribute("lang") == "uk"
    assert _fits_the_phone(page)
    assert page.locator(".budget-ballot__total").is_hidden()
    boxes = page.locator("input[name=projects]")
    assert boxes.count() == 3
    for index in range(3):
        boxes.nth(index).check()
    page.locator("form.budget-ballot button[type=submit]").click()
    page.wait_for_load_state()
    assert "не більше 2 проєктів" in page.locator(".budget-errors").inner_text()
    page.locator("input[name=projects]").nth(2).uncheck()
    page.locator("form.budget-ballot button[type=submit]").click()
    page.wait_for_load_state()
    assert "Ваш бюлетень збережено" in page.locator("main").inner_text()
    assert page.locator("input[name=projects]:checked").count() == 2
    context.close()
    assert _counts(budget_site)[:2] == (1, "[0, 1, 1]")


def test_voting_with_the_running_count_in_english(browser, budget_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _log_in(page, budget_site, "en", "ivan@example.org")
    page.goto(budget_site.url("ternopil", "/en/budget-test-voting/vote/"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
    assert _fits_the_phone(page)
    total = page.locator(".budget-ballot__total")
    assert total.inner_text() == "Chosen: 0 of 2"
    boxes = page.locator("input[name=projects]")
    boxes.nth(0).check()
    assert total.inner_text() == "Chosen: 1 of 2"
    boxes.nth(1).check()
    boxes.nth(2).check()
    assert "budget-ballot__total--over" in total.get_attribute("class")
    boxes.nth(1).uncheck()
    page.locator("form.budget-ballot button[type=submit]").click()
    page.wait_for_load_state()
    assert "Your ballot has been saved" in page.locator("main").inner_text()
    context.close()
    assert _counts(budget_site)[:2] == (2, "[1, 1, 2]")
