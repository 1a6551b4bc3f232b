"""An editor switches on an emergency notice in the admin; a citizen sees it at the top of
the home page and of an article, accessible; it is gone once switched off."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "Tern0pil-Tryvoha-2026"
MESSAGE = "Повітряна тривога! Пройдіть до найближчого укриття."

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site
from wagtail.users.models import UserProfile
from cms.news.models import NewsPage
user = get_user_model().objects.create_user('chergovyi', 'duty@example.org', '{password}')
user.groups.add(Group.objects.get(name='Editors'))
profile = UserProfile.get_for_user(user)
profile.preferred_language = 'en'
profile.save()
site = Site.objects.get(site_name='ternopil')
article = NewsPage.objects.live().public().filter(locale__language_code='uk').descendant_of(
    site.root_page).first()
print(site.pk, article.get_url_parts()[2])
"""


def test_editor_switches_a_notice_on_and_a_citizen_sees_it(live_site, browser):
    output = live_site.manage("shell", "-c", SETUP.format(password=PASSWORD))
    site_id, article_path = output.strip().splitlines()[-1].split()

    admin = browser.new_context().new_page()
    admin.goto(live_site.url("ternopil", "/admin/login/"))
    admin.locator("input[name=username]").fill("chergovyi")
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.locator("input[name=password]").press("Enter")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.get_by_role("link", name="Emergency notices").first.click()
    admin.get_by_role("link", name="Add emergency notice").first.click()
    admin.locator("#id_site").select_option(site_id)
    admin.locator("#id_severity").select_option("critical")
    admin.locator("#id_active").check()
    admin.locator("#id_texts-0-language").select_option("uk")
    admin.locator("#id_texts-0-message").fill(MESSAGE)
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url(re.compile(r"/admin/snippets/alerts/emergencynotice/$"))
    row = admin.locator("tr", has_text=MESSAGE)
    assert "chergovyi" in row.inner_text()

    reader = browser.new_context().new_page()
    for path in ("/uk/", article_path):
        reader.goto(live_site.url("ternopil", path))
        notice = reader.get_by_role("region", name="Екстрені оголошення")
        assert notice.is_visible()
        assert "Небезпека:" in notice.text_content() and MESSAGE in notice.text_content()
        assert reader.evaluate("document.activeElement === document.body")  # focus not moved
        assert axe_violations(reader) == [], path
    reader.goto(live_site.url("levski", "/bg/"))
    assert reader.locator(".emergency-notices").count() == 0

    row.get_by_role("link", name=re.compile(re.escape(MESSAGE[:20]))).first.click()
    admin.locator("#id_active").uncheck()
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url(re.compile(r"/admin/snippets/alerts/emergencynotice/$"))
    admin.context.close()

    reader.goto(live_site.url("ternopil", "/uk/"))
    assert reader.locator(".emergency-notices").count() == 0
    assert MESSAGE not in reader.content()
    reader.context.close()
