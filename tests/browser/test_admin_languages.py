"""The admin in Ukrainian, Slovak and Bulgarian, as an editor and a translator see it.

In each municipality an editor and a translator whose admin language is the site's own open
the dashboard, the page editor, the translation editor, the workflow history and the
translation status report. The text they can see (text nodes on screen, placeholders,
button values, the window title) is compared with every English message of the installed
packages' catalogs and of the project's own: a text that is exactly such a message, or
matches one with its placeholders filled, is English left untranslated. Product names and
the native names of languages are allowed.

The translator also uses what issue 16 asks of their admin: "Translate" offers only the
site's languages, the translation editor has "Submit translation for approval" at its top
and neither "Delete" nor "Convert to alias page", and the status report's filters fit the
screen at 1280 and 390 pixels.
"""

import json
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from cms.translations.admin_catalog import source_messages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "admin-languages-Browser-1"
CASES = {
    "uk": ("ternopil", "Громадський бюджет", "Мешканці пропонують проєкти для міста."),
    "sk": ("banska-bystrica", "Participatívny rozpočet", "Obyvatelia navrhujú projekty pre mesto."),
    "bg": ("levski", "Граждански бюджет", "Жителите предлагат проекти за общината."),
}
#: Shown as they are in every language: product names and each language's own name.
ALLOWED = {"Wagtail", "English", "Українська", "Slovenčina", "Български", "PO"}

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site
from wagtail.users.models import UserProfile
from cms.pages.models import StandardPage

cases, password = json.loads(%r), %r
out = {}
for language, (slug, title, intro) in cases.items():
    site = Site.objects.get(site_name=slug)
    users = {}
    for role, group in (("editor", "Editors"), ("translator", "Translators")):
        username = f"{slug}-languages-{role}"
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", password, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        users[role] = username
    home = site.root_page.specific
    page = StandardPage(title=title, slug="admin-languages-test", intro=intro)
    home.add_child(instance=page)
    page.save_revision().publish()
    out[language] = {"users": users, "page": page.pk, "site": site.pk}
print(json.dumps(out))
"""

#: Where the admin shows content rather than interface: the status report's item names
#: (a snippet's name in its original language, which may be English).
USER_CONTENT = ".translation-status tbody th[scope=row] a"

VISIBLE_TEXT = """(userContent) => {
  const shown = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (e.hidden || style.display === 'none' || style.visibility === 'hidden') return false;
      const box = e.getBoundingClientRect();
      const clipped = style.overflow === 'hidden' || style.clip.startsWith('rect(0');
      if (clipped && (box.width <= 1 || box.height <= 1)) return false;  // for screen readers
    }
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const where = (el) => {
    const named = el.closest('[id]');
    const classes = (el.getAttribute('class') || '').trim().split(/\\s+/).slice(0, 2).join('.');
    const tag = el.tagName.toLowerCase() + (classes ? '.' + classes : '');
    return `${tag} in #${named ? named.id : 'body'}`;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    if (el.closest(userContent)) continue;
    if (node.textContent.trim() && shown(el)) texts.push([node.textContent, where(el)]);
  }
  const fields = '[placeholder], input[type=submit], input[type=button]';
  for (const el of document.querySelectorAll(fields)) {
    if (shown(el)) texts.push([el.getAttribute('placeholder') || el.value || '', where(el)]);
  }
  for (const part of document.title.split(' - ')) texts.push([part, 'the window title']);
  return texts;
}"""

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-zA-Z_0-9]*\}")


def _normal(text):
    return " ".join(text.split())


def _project_catalogs():
    for pattern in ("cms/*/locale/uk/LC_MESSAGES/*.po", "plugins/*/locale/uk/LC_MESSAGES/*.po"):
        for path in sorted(ROOT.glob(pattern)):
            yield path.relative_to(ROOT).parts[1], polib.pofile(str(path))


class EnglishMessages:
    """Every English message of the packages' and the project's catalogs."""

    def __init__(self):
        self.exact, patterns = {}, {}
        sources = []
        for domain in ("django", "djangojs"):
            for entry, package in source_messages(domain).values():
                sources.append((entry, package))
        for app, catalog in _project_catalogs():
            sources += [(entry, f"project app {app}") for entry in catalog if not entry.obsolete]
        for entry, origin in sources:
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                text = _normal(msgid)
                if not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", text)):
                    continue
                if PLACEHOLDER.search(text):
                    parts = PLACEHOLDER.split(text)
                    regex = ".+?".join(re.escape(part) for part in parts)
                    patterns.setdefault(regex, (msgid, origin))
                else:
                    self.exact.setdefault(text, (msgid, origin))
        self.patterns = [(re.compile(f"^{regex}$"), found) for regex, found in patterns.items()]

    def find(self, text):
        """(msgid, where it comes from) when `text` is an English message, else None."""
        text = _normal(text)
        if text in ALLOWED or not re.search(r"[A-Za-z]{2}", text):
            return None
        for candidate in (text, text.rstrip(":").strip()):
            if candidate in self.exact:
                return self.exact[candidate]
        for regex, found in self.patterns:
            if regex.match(text):
                return found
        return None


@pytest.fixture(scope="module")
def english():
    return EnglishMessages()


@pytest.fixture(scope="module")
def accounts(live_site):
    cases = {language: list(case) for language, case in CASES.items()}
    output = live_site.manage("shell", "-c", SETUP % (json.dumps(cases), PASSWORD))
    return json.loads(output.strip().splitlines()[-1])


def _sign_in(page, live_site, slug, username):
    page.goto(live_site.url(slug, "/admin/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def _english_on(page, english):
    page.wait_for_load_state("networkidle")
    found = {}
    for text, where in page.evaluate(VISIBLE_TEXT, USER_CONTENT):
        hit = english.find(text)
        if hit:
            found[_normal(text)] = (*hit, where)
    return found


def _gettext(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.parametrize("language", list(CASES))
def test_editor_and_translator_see_their_admin_in_their_language(
    browser, live_site, accounts, english, language
):
    slug = CASES[language][0]
    case = accounts[language]
    source = case["page"]
    seen = {}

    def look(role, view, page):
        for text, (msgid, origin, where) in _english_on(page, english).items():
            seen.setdefault((text, msgid, origin), set()).add(f"{role}: {view} ({where})")

    # The translator: translates the new page into English and submits it for approval.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, live_site, slug, case["users"]["translator"])
    look("translator", "dashboard", page)
    page.goto(live_site.url(slug, f"/admin/pages/{source}/edit/"))
    look("translator", "page editor", page)

    page.goto(live_site.url(slug, f"/admin/localize/submit/page/{source}/"))
    offered = [label.strip() for label in page.locator("#id_locales label").all_inner_texts()]
    assert offered == ["English"], f"{slug} offers {offered}: only its own languages"
    look("translator", "translate page", page)
    page.locator("#id_locales input[type=checkbox]").check()
    page.locator("main form[method=POST] input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    target = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    page.locator(".js-translation-editor footer").wait_for()
    footer = page.locator(".js-translation-editor footer").inner_text()
    for action in ("Delete", "Convert to alias page"):
        assert _gettext(language, action) not in footer
    look("translator", "translation editor", page)

    submit = page.locator(".translation-editor__submit button")
    assert submit.is_visible()
    assert submit.inner_text().strip() == _gettext(language, "Submit translation for approval")
    submit.click()
    page.wait_for_load_state("networkidle")
    look("translator", "confirm submission", page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{target}/edit/$"))
    assert not page.locator(".translation-editor__submit").count()

    page.goto(live_site.url(slug, f"/admin/pages/{target}/workflow_history/"))
    look("translator", "workflow history", page)
    page.goto(live_site.url(slug, f"/admin/translations/status/?site={case['site']}"))
    look("translator", "status report", page)
    context.close()

    # The editor.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, live_site, slug, case["users"]["editor"])
    look("editor", "dashboard", page)
    page.goto(live_site.url(slug, f"/admin/pages/{source}/edit/"))
    look("editor", "page editor", page)
    page.goto(live_site.url(slug, f"/admin/pages/{target}/edit/"))
    page.locator(".js-translation-editor footer").wait_for()
    look("editor", "translation editor", page)
    page.goto(live_site.url(slug, f"/admin/pages/{target}/workflow_history/"))
    look("editor", "workflow history", page)
    page.goto(live_site.url(slug, f"/admin/translations/status/?site={case['site']}"))
    look("editor", "status report", page)
    context.close()

    report = [
        f"{text!r} (msgid {msgid!r} of {origin}) on {'; '.join(sorted(views))}"
        for (text, msgid, origin), views in sorted(seen.items())
    ]
    assert not report, f"English in the {language} admin:\n" + "\n".join(report)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_status_report_has_a_heading_and_its_filters_fit_the_screen(
    browser, live_site, accounts, width, tmp_path
):
    slug = CASES["uk"][0]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    _sign_in(page, live_site, slug, accounts["uk"]["users"]["translator"])
    page.goto(live_site.url(slug, "/admin/translations/status/"))
    page.screenshot(path=str(tmp_path / f"status-{width}.png"), full_page=True)
    heading = page.locator("main h1")
    assert heading.is_visible()
    assert heading.inner_text().strip() == _gettext("uk", "Translation status")
    assert page.title().startswith(_gettext("uk", "Translation status"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    controls = page.locator(
        ".translation-status__filters select, .translation-status__filters button"
    )
    assert controls.count() == 5
    for box in (controls.nth(n).bounding_box() for n in range(controls.count())):
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()
