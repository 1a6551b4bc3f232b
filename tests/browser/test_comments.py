"""A citizen signs up, confirms the address from the email, comments, replies and reports;
a moderator hides a comment in the admin. axe-core on the thread and the account pages."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

THREAD = "/uk/elektronna-demokratiia/"
PASSWORD = "Tern0pil-Kashtan-2026"


def confirmation_link(live_site):
    text = "".join(
        path.read_text(encoding="utf-8") for path in sorted((live_site.workdir / "mail").iterdir())
    )
    links = re.findall(r"http://\S+/uk/accounts/confirm-email/\S+/", text)
    assert links, text[-2000:]
    return links[-1]


def assert_accessible(page, what):
    assert axe_violations(page) == [], what


def sign_up_and_confirm(live_site, page):
    page.goto(live_site.url("ternopil", THREAD))
    assert_accessible(page, "thread (anonymous)")
    page.get_by_role("link", name="Написати коментар").click()
    assert "/uk/accounts/login/" in page.url
    assert_accessible(page, "log-in page")
    page.locator("main a[href*='/uk/accounts/signup/']").first.click()
    assert "/uk/accounts/signup/" in page.url
    assert_accessible(page, "sign-up page")
    page.locator("#id_email").fill("oksana.browser@example.org")
    page.get_by_label("Ім’я для показу").fill("Оксана з Тернополя")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    assert "/uk/accounts/confirm-email/" in page.url
    assert_accessible(page, "verification sent page")
    page.goto(confirmation_link(live_site))
    assert_accessible(page, "confirmation page")
    page.locator("main form button[type=submit]").click()


def test_citizen_comments_replies_reports_and_a_moderator_hides(live_site, page, browser):
    sign_up_and_confirm(live_site, page)
    assert re.search(r"/uk/comments/\d+/new/$", page.url), "back to the comment form"
    assert_accessible(page, "comment form page")
    page.get_by_label("Ваш коментар").fill("Прошу оприлюднити графік ремонту доріг на 2027 рік.")
    page.get_by_role("button", name="Надіслати коментар").click()
    assert "#comment-" in page.url
    main = page.locator("main")
    assert "Ваш коментар опубліковано." in main.inner_text()
    assert "Прошу оприлюднити графік ремонту доріг" in main.inner_text()
    assert_accessible(page, "thread (signed in, after posting)")

    page.goto(live_site.url("ternopil", "/uk/accounts/"))
    assert "Оксана з Тернополя" in page.locator("main").inner_text()
    assert_accessible(page, "account page")
    page.get_by_role("link", name="Ваші дані та видалення облікового запису").click()
    assert_accessible(page, "my data page")

    page.goto(live_site.url("ternopil", THREAD))
    official = page.locator("li.comment--official").first
    official.get_by_role("link", name=re.compile("^Відповісти")).first.click()
    assert "reply_to=" in page.url
    assert_accessible(page, "reply page")
    page.get_by_label("Ваш коментар").fill("Дякую за відповідь, чекатимемо новин.")
    page.get_by_role("button", name="Надіслати відповідь").click()
    page.wait_for_load_state()
    reply = page.locator("li.comment--official li.comment", has_text="Дякую за відповідь")
    assert reply.count() == 1

    other = page.locator("li.comment", has_text="Відкриті дані про ремонт доріг").first
    other.get_by_role("link", name=re.compile("^Поскаржитися")).first.click()
    assert_accessible(page, "report page")
    page.get_by_label("Спам або реклама").check()
    page.get_by_role("button", name="Надіслати скаргу").click()
    assert "Модератори перевірять цей коментар." in page.locator("main").inner_text()

    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('moderator', 'mod@example.org', "
        f"'{PASSWORD}')",
    )
    admin = browser.new_context().new_page()
    admin.goto(live_site.url("ternopil", "/admin/login/"))
    admin.locator("input[name=username]").fill("moderator")
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.locator("input[name=password]").press("Enter")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(live_site.url("ternopil", "/admin/comments/?show=all"))
    row = admin.locator("tr", has_text="Прошу оприлюднити графік ремонту доріг")
    row.locator("select[name=reason]").select_option("off_topic")
    row.locator("button[value=hide]").click()
    admin.context.close()

    reader = browser.new_context().new_page()
    reader.goto(live_site.url("ternopil", THREAD))
    thread = reader.locator("#comments").inner_text()
    assert "Прошу оприлюднити графік ремонту доріг" not in thread
    assert "Цей коментар приховав модератор. Причина: Не за темою." in thread
    assert "Дякую за відповідь, чекатимемо новин." in thread
    assert_accessible(reader, "thread with a hidden comment")
    reader.goto(live_site.url("ternopil", "/uk/comments/moderation/"))
    assert_accessible(reader, "public moderation log")
    reader.context.close()
