"""Participatory budget end to end on a phone: a citizen proposes a project in Ukrainian, the
municipality reviews it in the admin, citizens vote with JavaScript (Ukrainian) and without
it (Slovak), the cycle is counted and the results are read. axe-core finds no violation on
the cycle, project, vote and results pages."""

import re

import pytest

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
from plugins.budgets.models import BudgetCyclePage, BudgetProject

User = get_user_model()
for email in ("budget-uk@example.org", "budget-sk@example.org", "budget-uk2@example.org"):
    user, _ = User.objects.get_or_create(username=email, defaults={{"email": email}})
    user.set_password("{password}")
    user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={{"verified": True, "primary": True}}
    )
admin, _ = User.objects.get_or_create(
    username="budget-admin", defaults={{"email": "a@example.org"}}
)
admin.is_staff = admin.is_superuser = True
admin.set_password("{password}")
admin.save()

now = timezone.now()
def cycle(site_name, slug, title, days, currency):
    home = Site.objects.get(site_name=site_name).root_page.specific
    names = ("proposals_open", "proposals_close", "review_close", "voting_open",
             "voting_close", "results_at")
    page = BudgetCyclePage(
        slug=slug, title=title, total_amount=Decimal(1000), currency=currency,
        max_choices=2, counting_rule="greedy",
        **{{name: now + timedelta(days=d) for name, d in zip(names, days)}},
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page

uk = cycle("ternopil", "brauzernyi-biudzhet", "Браузерний бюджет", (-1, 1, 2, 3, 4, 5), "UAH")
sk = cycle("banska-bystrica", "prehliadacovy-rozpocet", "Prehliadačový rozpočet",
           (-9, -7, -5, -1, 3, 5), "EUR")
BudgetProject.objects.create(cycle=uk, title="Сквер біля школи", description="Лавки.",
                             cost_estimate=Decimal(700), status="feasible")
for title, cost in (("Lavičky pri Hrone", 400), ("Stojany na bicykle", 300)):
    BudgetProject.objects.create(cycle=sk, title=title, description="Popis.",
                                 cost_estimate=Decimal(cost), status="feasible")
print(uk.pk, sk.pk)
"""

TO_VOTING = """
from datetime import timedelta
from django.utils import timezone
from cms.core.chrome import replace_token
from plugins.budgets.models import BudgetCyclePage
now = timezone.now()
BudgetCyclePage.objects.filter(pk={pk}).update(
    proposals_open=now - timedelta(days=9), proposals_close=now - timedelta(days=7),
    review_close=now - timedelta(days=5), voting_open=now - timedelta(minutes=5),
)
replace_token()  # written behind the models' back: the cached pages follow, as on a publish
"""

TO_RESULTS = """
from datetime import timedelta
from django.utils import timezone
from cms.core.chrome import replace_token
from plugins.budgets.models import BudgetCyclePage
now = timezone.now()
BudgetCyclePage.objects.filter(pk__in=[{pks}]).update(
    proposals_open=now - timedelta(days=9), proposals_close=now - timedelta(days=7),
    review_close=now - timedelta(days=5), voting_open=now - timedelta(days=3),
    voting_close=now - timedelta(minutes=10), results_at=now - timedelta(minutes=5),
)
replace_token()  # as above
"""


def _log_in(page, live_site, site, language, username):
    page.goto(live_site.url(site, f"/{language}/accounts/login/"))
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_propose_review_vote_count_and_read_the_results(browser, live_site):
    output = live_site.manage("shell", "-c", SETUP.format(password=PASSWORD))
    uk_pk, sk_pk = output.strip().splitlines()[-1].split()
    uk_cycle = "/uk/brauzernyi-biudzhet/"
    sk_cycle = "/sk/prehliadacovy-rozpocet/"

    # A citizen proposes a project from a phone, in Ukrainian.
    citizen = browser.new_context(viewport=PHONE).new_page()
    _log_in(citizen, live_site, "ternopil", "uk", "budget-uk@example.org")
    citizen.goto(live_site.url("ternopil", uk_cycle))
    assert citizen.locator("html").get_attribute("lang") == "uk"
    assert citizen.locator("[aria-current=step]").count() == 1
    assert axe_violations(citizen) == []
    citizen.locator("a.button[href$='/propose/']").click()
    citizen.wait_for_load_state()
    citizen.fill("input[name=title]", "Дитячий майданчик у дворі")
    citizen.fill("textarea[name=description]", "Гойдалки й пісочниця для малечі.")
    citizen.fill("input[name=cost_estimate]", "250")
    citizen.locator("form.budget-form button[type=submit]").click()
    citizen.wait_for_load_state()
    assert "/projects/" in citizen.url
    assert citizen.locator("h1").inner_text() == "Дитячий майданчик у дворі"
    assert citizen.locator(".message[role=status]").count() == 1
    assert axe_violations(citizen) == []
    project_url = citizen.url.split("?")[0]
    project_pk = project_url.rstrip("/").rsplit("/", 1)[1]

    # The municipality reviews it in the admin: feasible, at a corrected cost, with a reason.
    admin = browser.new_context().new_page()
    admin.goto(live_site.url("ternopil", "/admin/login/"))
    admin.fill("input[name=username]", "budget-admin")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("input[name=password]").press("Enter")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(
        live_site.url("ternopil", f"/admin/snippets/budgets/budgetproject/edit/{project_pk}/")
    )
    admin.select_option("select[name=status]", "feasible")
    admin.fill("textarea[name=review_reason]", "Місце погоджено з управлінням освіти.")
    admin.fill("input[name=reviewed_cost]", "300")
    admin.locator("button.action-save").first.click()
    admin.wait_for_load_state()
    citizen.goto(project_url)
    assert "Місце погоджено з управлінням освіти." in citizen.content()
    assert citizen.locator(".budget-status--feasible").count() == 1

    # Voting opens. With JavaScript, on a phone, in Ukrainian: two projects.
    live_site.manage("shell", "-c", TO_VOTING.format(pk=uk_pk))
    citizen.goto(live_site.url("ternopil", uk_cycle + "vote/"))
    assert axe_violations(citizen) == []
    boxes = citizen.locator("form.budget-ballot input[type=checkbox]")
    assert boxes.count() == 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert citizen.locator(".budget-ballot__total").is_visible()  # the running count
    citizen.locator("form.budget-ballot button[type=submit]").click()
    citizen.wait_for_load_state()
    assert "saved=1" in citizen.url
    assert citizen.locator("p.message[role=status]").count() == 1

    # Without JavaScript, in Slovak: one project.
    plain = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    _log_in(plain, live_site, "banska-bystrica", "sk", "budget-sk@example.org")
    plain.goto(live_site.url("banska-bystrica", sk_cycle + "vote/"))
    assert plain.locator("html").get_attribute("lang") == "sk"
    plain.locator("form.budget-ballot input[type=checkbox]").first.check()
    plain.locator("form.budget-ballot button[type=submit]").click()
    plain.wait_for_load_state()
    assert "saved=1" in plain.url

    # Voting closes; the scheduler counts; the results are published.
    live_site.manage("shell", "-c", TO_RESULTS.format(pks=f"{uk_pk}, {sk_pk}"))
    live_site.manage("count_budget", "--due")

    citizen.goto(live_site.url("ternopil", uk_cycle + "results/"))
    assert axe_violations(citizen) == []
    rows = citizen.locator("table.budget-results__table tbody tr")
    assert rows.count() == 2
    winners = citizen.locator("tr.is-selected").all_inner_texts()
    # 1000 UAH: the playground (300, 1 vote) fits beside the square (700, 1 vote).
    assert len(winners) == 2
    assert citizen.locator("a[href*='/results/pabulib/?pool=city']").count() == 1
    citizen.goto(project_url)
    assert citizen.locator(".budget-status--selected").count() == 1
    assert axe_violations(citizen) == []

    plain.goto(live_site.url("banska-bystrica", sk_cycle + "results/"))
    assert "Víťazov určil počet hlasov." in plain.content()  # the rule in plain Slovak
    assert plain.locator("tr.is-selected").count() == 1
    # axe-core runs as JavaScript: checked in a context that has it.
    citizen.goto(live_site.url("banska-bystrica", sk_cycle + "results/"))
    assert citizen.locator("html").get_attribute("lang") == "sk"
    assert axe_violations(citizen) == []
    for other in (citizen, plain, admin):
        other.context.close()


def test_demo_budget_pages_are_accessible(page, live_site):
    for site, path in (
        ("ternopil", "/uk/hromadskyi-biudzhet-2026/"),
        ("ternopil", "/uk/hromadskyi-biudzhet-2026/results/"),
        ("ternopil", "/en/civic-budget-2026/results/"),
        ("banska-bystrica", "/sk/participativny-rozpocet-2026/results/"),
    ):
        page.goto(live_site.url(site, path))
        assert axe_violations(page) == [], path
    page.goto(live_site.url("ternopil", "/uk/hromadskyi-biudzhet-2026/"))
    page.locator(".budget-project__title a").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
