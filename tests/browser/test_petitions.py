"""A petition's whole life in a browser, in Ukrainian (Ternopil), Slovak (Banská Bystrica)
and Bulgarian (Levski): a verified citizen starts it, a moderator publishes it in the admin,
citizens sign it until the threshold moves it to consideration, the moderator publishes the
council's answer and any reader sees it. axe-core finds no violation on the list and on the
petition's page."""

import json

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "a-long-Passphrase-42"
SITES = {"uk": "ternopil", "sk": "banska-bystrica", "bg": "levski"}
TEXTS = {
    "uk": {
        "title": "Лавки в парку Топільче",
        "text": "У парку Топільче бракує лавок для відпочинку літніх людей.",
        "request": "Встановити двадцять лавок уздовж головної алеї.",
        "answer": "Рада погодилась: лавки встановлять до травня.",
    },
    "sk": {
        "title": "Lavičky v parku pod Urpínom",
        "text": "V parku chýbajú lavičky pre starších ľudí.",
        "request": "Osadiť dvadsať lavičiek pozdĺž hlavnej aleje.",
        "answer": "Zastupiteľstvo súhlasí: lavičky pribudnú do mája.",
    },
    "bg": {
        "title": "Нови пейки по главната алея",
        "text": "В градския парк липсват пейки за възрастните хора.",
        "request": "Да се поставят двадесет пейки по главната алея.",
        "answer": "Общинският съвет е съгласен: пейките ще бъдат поставени до май.",
    },
}
MAKE_USER = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username="{email}", defaults={{"email": "{email}"}})
user.set_password("{password}")
user.first_name = "{name}"
user.is_superuser = user.is_staff = {admin}
user.save()
EmailAddress.objects.get_or_create(
    user=user, email="{email}", defaults={{"verified": True, "primary": True}}
)
"""
INDEX_PATH = """
from plugins.petitions.models import PetitionIndexPage
page = PetitionIndexPage.objects.live().get(locale__language_code="{language}")
print(page.get_url_parts()[2])
"""
PETITION = """
import json
from plugins.petitions.models import Petition
petition = Petition.objects.get(title="{title}")
state = {{"pk": petition.pk, "status": petition.status, "count": petition.signature_count}}
print(json.dumps(state))
"""
LOWER_THRESHOLD = """
from plugins.petitions.models import Petition
Petition.objects.filter(title="{title}").update(signatures_needed=2)
"""


def _user(live_site, email, name="", admin=False):
    live_site.manage(
        "shell",
        "-c",
        MAKE_USER.format(email=email, password=PASSWORD, name=name, admin=admin),
    )
    return email


def _shell(live_site, code):
    """The last line the code printed (the shell may first say what it imported)."""
    return live_site.manage("shell", "-c", code).strip().splitlines()[-1]


def _petition(live_site, title):
    return json.loads(_shell(live_site, PETITION.format(title=title)))


def _log_in(page, live_site, site, language, email):
    page.goto(live_site.url(site, f"/{language}/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _admin_log_in(page, live_site, site, email):
    page.goto(live_site.url(site, "/admin/login/"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def _sign(browser, live_site, site, language, petition_url, email, name):
    page = browser.new_context().new_page()
    _user(live_site, email, name)
    _log_in(page, live_site, site, language, email)
    page.goto(petition_url)
    page.locator(".petition-sign-link a").click()
    page.wait_for_load_state()
    page.locator("form.petition-sign input[name=show_name]").check()
    page.locator("form.petition-sign button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").count() == 1
    page.context.close()


@pytest.mark.parametrize("language", ["uk", "sk", "bg"])
def test_start_moderate_sign_reach_the_threshold_and_answer(page, browser, live_site, language):
    site, texts = SITES[language], TEXTS[language]
    list_path = _shell(live_site, INDEX_PATH.format(language=language))

    # A verified citizen starts a petition; it waits for moderation, seen by its author only.
    author = _user(live_site, f"author-{language}@example.org", "Author")
    _log_in(page, live_site, site, language, author)
    page.goto(live_site.url(site, list_path))
    assert page.locator("html").get_attribute("lang") == language
    page.locator(f"main a.button[href$='{list_path}new/']").click()
    page.wait_for_load_state()
    page.fill("input[name=title]", texts["title"])
    page.fill("textarea[name=text]", texts["text"])
    page.fill("textarea[name=request]", texts["request"])
    topic = page.locator("select[name=topic] option").nth(1)
    if topic.count():
        page.select_option("select[name=topic]", index=1)
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_load_state()
    petition = _petition(live_site, texts["title"])
    assert petition["status"] == "pending"
    assert page.locator(".petition-state--pending").count() == 1
    petition_url = page.url

    reader = browser.new_context().new_page()
    reader.goto(live_site.url(site, list_path))
    assert texts["title"] not in reader.content()
    assert reader.goto(petition_url).status == 404

    # The moderator publishes it in the admin; the test lowers its threshold to two.
    moderator = browser.new_context().new_page()
    _admin_log_in(moderator, live_site, site, _user(live_site, "moderator@example.org", admin=True))
    moderator.goto(live_site.url(site, f"/admin/petitions/{petition['pk']}/"))
    moderator.locator("button[name=action][value=publish]").click()
    moderator.wait_for_load_state()
    assert _petition(live_site, texts["title"])["status"] == "collecting"
    live_site.manage("shell", "-c", LOWER_THRESHOLD.format(title=texts["title"]))

    # Two citizens sign; the second signature reaches the threshold.
    reader.goto(live_site.url(site, list_path))
    assert texts["title"] in reader.content()
    assert axe_violations(reader) == []
    reader.goto(petition_url)
    assert axe_violations(reader) == []
    _sign(browser, live_site, site, language, petition_url, f"first-{language}@example.org", "Ola")
    _sign(browser, live_site, site, language, petition_url, f"second-{language}@example.org", "Ivo")
    state = _petition(live_site, texts["title"])
    assert (state["status"], state["count"]) == ("consideration", 2)
    reader.goto(petition_url)
    assert reader.locator(".petition-state--consideration").count() == 1
    assert reader.locator("progress.petition-progress").get_attribute("value") == "2"
    assert "Ola" in reader.locator(".petition-signers").inner_text()

    # The moderator publishes the council's answer; every reader sees it.
    moderator.goto(live_site.url(site, f"/admin/petitions/{petition['pk']}/"))
    moderator.fill("textarea[name=answer]", texts["answer"])
    moderator.locator("button[name=action][value=answer]").click()
    moderator.wait_for_load_state()
    reader.goto(petition_url)
    assert texts["answer"] in reader.locator(".petition-answer").inner_text()
    assert reader.locator(".petition-state--answered").count() == 1
    assert axe_violations(reader) == []
    reader.goto(live_site.url(site, list_path + "?status=answered"))
    assert texts["title"] in reader.content()
    assert axe_violations(reader) == []
    for other in (reader, moderator):
        other.context.close()
