"""A citizen answers a consultation in Ukrainian, another in English; the results count
both. axe-core finds no violation on the consultation, its form and its results."""

import json
import urllib.request

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "a-long-Passphrase-42"
CONSULTATION = {
    "uk": "/uk/konsultatsii/modernizatsiia-ofitsiinoho-saitu/",
    "en": "/en/consultations/modernising-the-official-website/",
}
MAKE_CITIZEN = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username="{email}", defaults={{"email": "{email}"}})
user.set_password("{password}")
user.save()
EmailAddress.objects.get_or_create(
    user=user, email="{email}", defaults={{"verified": True, "primary": True}}
)
"""


def _json(live_site, path):
    """GET `path` on the Ternopil host (urllib cannot resolve *.localhost names itself)."""
    host = live_site.url("ternopil").split("//", 1)[1].rstrip("/")
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_site.port}{path}", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _citizen(live_site, email):
    live_site.manage("shell", "-c", MAKE_CITIZEN.format(email=email, password=PASSWORD))
    return email


def _log_in(page, live_site, language, email):
    page.goto(live_site.url("ternopil", f"/{language}/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _answer(page, live_site, language, scale_value, check_axe=False):
    page.goto(live_site.url("ternopil", CONSULTATION[language]))
    assert page.locator("html").get_attribute("lang") == language
    if check_axe:
        assert axe_violations(page) == []
    page.locator("a.button[href*='/respond/']").click()
    page.wait_for_load_state()
    assert page.locator("form.consultation-form").count() == 1
    if check_axe:
        assert axe_violations(page) == []
    page.locator("input[type=checkbox]").first.check()
    page.locator(f"input[type=radio][value='{scale_value}']").check()
    page.locator("form.consultation-form button[type=submit]").click()
    page.wait_for_load_state()
    reference = page.locator(".message--success strong").inner_text()
    assert reference.startswith("C-")
    return reference


def test_answers_in_two_languages_are_counted_together(page, browser, live_site):
    first = _citizen(live_site, "browser-uk@example.org")
    _log_in(page, live_site, "uk", first)
    first_reference = _answer(page, live_site, "uk", "4", check_axe=True)

    other = browser.new_context().new_page()
    second = _citizen(live_site, "browser-en@example.org")
    _log_in(other, live_site, "en", second)
    second_reference = _answer(other, live_site, "en", "2")
    assert first_reference != second_reference

    # Answering again changes the response instead of adding one.
    _answer(other, live_site, "en", "5")

    page.goto(live_site.url("ternopil", CONSULTATION["uk"] + "results/"))
    assert axe_violations(page) == []
    assert page.locator("svg.consultation-chart__svg").count() >= 1
    assert page.locator(".consultation-results__total").inner_text().startswith("2")
    data = _json(live_site, CONSULTATION["en"] + "results/json/")
    assert data["responses"] == 2
    scale = next(q for q in data["questions"] if q["kind"] == "scale")
    assert {c["key"]: c["count"] for c in scale["choices"]} == {
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 1,
        "5": 1,
    }
    first_multiple = next(q for q in data["questions"] if q["kind"] == "multiple_choice")
    assert first_multiple["choices"][0]["count"] == 2
    other.context.close()


def test_closed_consultation_results_and_report_are_accessible(page, live_site):
    for path in (
        "/uk/konsultatsii/kontseptsiia-tsyfrovoi-transformatsii-2021-2023/",
        "/uk/konsultatsii/kontseptsiia-tsyfrovoi-transformatsii-2021-2023/results/",
        "/uk/konsultatsii/kontseptsiia-tsyfrovoi-transformatsii-2021-2023/report/",
        "/en/consultations/",
    ):
        page.goto(live_site.url("ternopil", path))
        assert axe_violations(page) == [], path
