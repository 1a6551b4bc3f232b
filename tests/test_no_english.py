"""Every page type in Ukrainian, Slovak and Bulgarian shows no English message of the
project's catalogs: each English msgid that its catalog translates must not appear on the
page (a missing plural form, an unmarked string or a language not activated shows it)."""

import html as htmllib
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from wagtail.models import Site

from cms.core.profiles import all_profiles

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
PROFILES = {profile.slug: profile for profile in all_profiles()}
LOCAL = [("ternopil", "uk"), ("banska-bystrica", "sk"), ("levski", "bg")]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")
# Messages the same in English and the page's language, or names (none so far).
ALLOWED = set()
PAGE_TYPES = [
    "home.HomePage",
    "news.NewsIndexPage",
    "news.NewsPage",
    "actionplans.ActionPlanPage",
    "actionplans.CommitmentPage",
    "archive.DocumentArchivePage",
    "events.EventIndexPage",
    "events.EventPage",
    "consultations.ConsultationIndexPage",
    "consultations.ConsultationPage",
    "petitions.PetitionIndexPage",
    "pages.StandardPage",
]


def _fragments(language):
    """The literal parts (three words or more) of each English message translated for
    `language` in the project's catalogs."""
    found = set()
    for pattern in ("cms/*/locale", "plugins/*/locale", "themes/*/locale"):
        for directory in ROOT.glob(pattern):
            path = directory / language / "LC_MESSAGES" / "django.po"
            if not path.exists():
                continue
            for entry in polib.pofile(str(path)):
                translations = [entry.msgstr, *entry.msgstr_plural.values()]
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    if msgid in translations:
                        continue
                    for part in PLACEHOLDER.split(msgid):
                        part = re.sub(r"<[^>]+>", " ", part).strip(" .,:;()–-")
                        if len(part.split()) >= 3 and part not in ALLOWED:
                            found.add(part)
    return found


def _visible_text(html):
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"<style\b.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    attributes = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', html))
    return " ".join(htmllib.unescape(text + " " + attributes).split())


def _page_of_type(type_name, slug, language):
    app, model = type_name.split(".")
    site = Site.objects.get(hostname=PROFILES[slug].hostname)
    model_class = apps.get_model(app, model)
    local_root = site.root_page.get_translations(inclusive=True)
    local_root = local_root.filter(locale__language_code=language)
    local_root = local_root.first()
    if local_root is None:
        return None, site
    pages = model_class.objects.live().public().filter(locale__language_code=language)
    return pages.filter(path__startswith=local_root.path).first(), site


@pytest.mark.parametrize("slug, language", LOCAL)
def test_no_english_message_on_any_page_type(client, slug, language):
    fragments = _fragments(language)
    assert len(fragments) > 100  # the catalogs were read
    shown = {}
    for type_name in PAGE_TYPES:
        page, site = _page_of_type(type_name, slug, language)
        if page is None:
            continue
        response = client.get(page.relative_url(site), headers={"host": site.hostname})
        assert response.status_code == 200, (type_name, page.url_path)
        text = _visible_text(response.content.decode())
        leaks = sorted(fragment for fragment in fragments if fragment in text)
        if leaks:
            shown[type_name] = leaks
    assert shown == {}
