"""The Content-Security-Policy in a real browser: public pages (JSON-LD data blocks included)
report no violation, and the Wagtail admin, with its own policy, still works."""

import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "Csp-Redaktor-2026"
SETUP = """
from django.contrib.auth import get_user_model
from wagtail.models import Site
from wagtail.users.models import UserProfile
from cms.news.models import NewsPage
user = get_user_model().objects.create_superuser('csp-editor', 'csp@example.org', '{password}')
profile = UserProfile.get_for_user(user)
profile.preferred_language = 'en'
profile.save()
site = Site.objects.get(site_name='ternopil')
article = NewsPage.objects.live().public().filter(locale__language_code='uk').descendant_of(
    site.root_page).first()
print(article.pk, article.get_url_parts()[2])
"""
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def watch(page):
    """Console messages about the policy and the violations the page itself sees."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(VIOLATION_LISTENER)
    return messages


def violations(page, messages):
    return messages + page.evaluate("window.__cspViolations")


@pytest.fixture(scope="module")
def article(live_site):
    output = live_site.manage("shell", "-c", SETUP.format(password=PASSWORD))
    page_id, path = output.strip().splitlines()[-1].split()
    return int(page_id), path


def test_public_pages_load_with_no_policy_violation(live_site, browser, article):
    page = browser.new_context().new_page()
    messages = watch(page)
    _page_id, article_path = article
    for site, path in (
        ("ternopil", "/uk/"),
        ("ternopil", article_path),  # a NewsArticle JSON-LD block
        ("ternopil", "/uk/search/?q=бюджет"),
        ("ternopil", "/uk/accounts/login/"),
        ("banska-bystrica", "/sk/otvorene-vladnutie/"),
        ("levski", "/bg/no-such-page/"),
    ):
        response = page.goto(live_site.url(site, path))
        assert "'unsafe-inline'" not in response.headers["content-security-policy"], path
        if path == article_path:
            assert page.locator('script[type="application/ld+json"]').count() >= 1
        page.wait_for_load_state("load")
        assert violations(page, messages) == [], path
        assert page.locator("link[rel=stylesheet]").first.evaluate("l => !!l.sheet"), path
    page.context.close()


def test_the_admin_dashboard_and_page_editor_work_under_their_policy(live_site, browser, article):
    page_id, _path = article
    page = browser.new_context().new_page()
    messages = watch(page)
    page.goto(live_site.url("ternopil", "/admin/login/"))
    page.locator("input[name=username]").fill("csp-editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.get_by_role("heading", level=1).count() >= 1
    assert violations(page, messages) == []

    page.goto(live_site.url("ternopil", f"/admin/pages/{page_id}/edit/"))
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title")
    assert title.is_visible()
    # The editor's scripts run: the rich text (Draftail) editor is built in the page.
    assert page.locator(".Draftail-Editor").count() >= 1
    title.fill(title.input_value() + " (CSP)")
    page.get_by_role("button", name=re.compile("Save draft")).click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".messages .success, .w-message--success, [class*=success]").count() >= 1
    assert violations(page, messages) == []
    page.context.close()
