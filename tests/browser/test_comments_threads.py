"""Threads on a news article and on a commitment, end to end: an editor puts the commitment
under pre-moderation from the page's "Comment settings" menu item in the admin; a verified citizen
signs in and comments on both; the article's comment appears at once, the commitment's only
after a moderator approves it; the counts show in the listings. axe-core on the pages."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

ARTICLE = "/uk/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"
COMMITMENT = "/uk/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/"
PASSWORD = "Tern0pil-Kashtan-2026"
CITIZEN = "mykola.threads@example.org"

SETUP = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from cms.accounts.models import CitizenProfile
from cms.actionplans.models import CommitmentPage
User = get_user_model()
citizen = User.objects.create_user("mykola-threads", "{CITIZEN}", "{PASSWORD}")
EmailAddress.objects.create(user=citizen, email="{CITIZEN}", verified=True, primary=True)
CitizenProfile.objects.create(user=citizen, display_name="Микола з Бережан")
User.objects.create_superuser("threads-editor", "threads-editor@example.org", "{PASSWORD}")
print(CommitmentPage.objects.get(slug="te-2021-01-resident-cabinet", locale__language_code="uk").pk)
"""


def _admin_log_in(page, live_site):
    page.goto(live_site.url("ternopil", "/admin/login/"))
    page.locator("input[name=username]").fill("threads-editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def _post(page, live_site, path, text):
    page.goto(live_site.url("ternopil", path))
    page.get_by_label("Ваш коментар").fill(text)
    page.get_by_role("button", name="Надіслати коментар").click()
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def test_a_citizen_comments_on_a_news_article_and_on_a_commitment(live_site, browser, page):
    commitment_id = live_site.manage("shell", "-c", SETUP).strip().splitlines()[-1]

    editor = browser.new_context().new_page()
    _admin_log_in(editor, live_site)
    editor.goto(live_site.url("ternopil", f"/admin/pages/{commitment_id}/edit/"))
    editor.locator("#w-slim-header-buttons .w-dropdown__toggle").first.click()
    page_menu = editor.get_by_role("navigation", name="Actions")
    page_menu.get_by_role("link", name="Налаштування коментарів").click()
    editor.wait_for_url(re.compile(rf"/admin/comments/page/{commitment_id}/$"))
    editor.locator("select[name=policy]").select_option("open")
    editor.locator("select[name=moderation]").select_option("pre")
    editor.locator("main form button[type=submit]").first.click()
    editor.wait_for_url(re.compile(rf"/admin/pages/{commitment_id}/edit/"))

    page.goto(live_site.url("ternopil", ARTICLE))
    thread = page.locator("#comments")
    assert "Чи буде в Концепції окремий розділ" in thread.inner_text()  # the demo's thread
    assert axe_violations(page) == [], "news thread (anonymous)"
    page.goto(live_site.url("ternopil", "/uk/accounts/login/"))
    page.fill("input[name=login]", CITIZEN)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    shown = _post(page, live_site, ARTICLE, "Чи буде онлайн-курс для батьків школярів?")
    assert "Ваш коментар опубліковано." in shown
    assert "Чи буде онлайн-курс для батьків школярів?" in page.locator("#comments").inner_text()
    assert axe_violations(page) == [], "news thread (signed in, after posting)"

    shown = _post(page, live_site, COMMITMENT, "Пропоную додати запис до ЦНАПу в Кабінет.")
    assert "Ваш коментар з’явиться після схвалення модератором." in shown
    reader = browser.new_context().new_page()
    reader.goto(live_site.url("ternopil", COMMITMENT))
    assert "Рекомендую додати до Кабінету тернополянина" in reader.locator("#comments").inner_text()
    assert "Пропоную додати запис до ЦНАПу" not in reader.locator("#comments").inner_text()

    editor.goto(live_site.url("ternopil", "/admin/comments/"))
    row = editor.locator("tr", has_text="Пропоную додати запис до ЦНАПу")
    row.locator("button[value=approve]").click()
    editor.wait_for_load_state()
    editor.context.close()

    reader.reload()
    assert "Пропоную додати запис до ЦНАПу" in reader.locator("#comments").inner_text()
    assert axe_violations(reader) == [], "commitment thread (anonymous)"
    reader.goto(live_site.url("ternopil", "/uk/ogp-action-plan-2021-2023/"))
    commitment_item = reader.locator("li.ap-commitment", has_text="Кабінету тернополянина")
    assert commitment_item.locator(".comment-count").inner_text() == "4 коментарі"
    reader.goto(live_site.url("ternopil", "/uk/novyny/"))
    card = reader.locator("article.news-card", has_text="Концепцію цифрової трансформації")
    assert card.locator(".comment-count").inner_text() == "4 коментарі"
    reader.context.close()
