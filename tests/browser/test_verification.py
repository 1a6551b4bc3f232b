"""A citizen confirms their residency in a browser against the demo's test census of
Ternopil: a wrong birth date is refused with a translated error and the form keeps the
document number; the right one makes them a resident of Ternopil (not of Levski). axe-core
finds no violation on the account page in each state."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "a-long-Passphrase-42"
EMAIL = "resident-browser@example.org"
MAKE_CITIZEN = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username="{EMAIL}", defaults={{"email": "{EMAIL}"}})
user.set_password("{PASSWORD}")
user.save()
EmailAddress.objects.get_or_create(
    user=user, email="{EMAIL}", defaults={{"verified": True, "primary": True}}
)
"""


def _accessible(page, what):
    violations = axe_violations(page)
    assert not violations, f"{what}: {violations}"


def _log_in(page, live_site, site, language):
    page.goto(live_site.url(site, f"/{language}/accounts/login/"))
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_citizen_confirms_residency_with_the_census(live_site, page):
    live_site.manage("shell", "-c", MAKE_CITIZEN)
    _log_in(page, live_site, "ternopil", "uk")

    page.goto(live_site.url("ternopil", "/uk/accounts/#verification"))
    section = page.locator("#verification")
    assert "мешканець громади: ще ні" in section.inner_text()
    _accessible(page, "account page with the census form")

    page.get_by_label("Номер вашого документа, що посвідчує особу").fill("TEST0003")
    page.get_by_label("Дата народження").fill("1990-01-02")
    page.get_by_role("button", name="Звірити з реєстром").click()
    page.wait_for_load_state()
    alert = page.locator("#verification [role=alert]")
    assert "Ми не знайшли мешканця" in alert.inner_text()
    assert page.get_by_label("Номер вашого документа, що посвідчує особу").input_value() == (
        "TEST0003"
    )
    _accessible(page, "account page after a refused check")

    page.get_by_label("Дата народження").fill("1990-01-01")
    page.get_by_role("button", name="Звірити з реєстром").click()
    page.wait_for_load_state()
    assert "ваше проживання й особу підтверджено" in page.locator("main").inner_text()
    section = page.locator("#verification")
    assert "мешканець громади: так" in section.inner_text()
    assert page.get_by_role("button", name="Звірити з реєстром").count() == 0
    _accessible(page, "account page of a resident")

    _log_in(page, live_site, "levski", "bg")  # another host, its own session
    page.goto(live_site.url("levski", "/bg/accounts/"))
    assert "жител на общината: още не" in page.locator("#verification").inner_text()
