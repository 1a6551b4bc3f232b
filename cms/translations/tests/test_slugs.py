"""Slugs from Cyrillic titles follow the national romanisation, on the server."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from cms.pages.models import StandardPage
from cms.translations import po
from cms.translations.slugs import slug_for
from cms.translations.tests.helpers import home, locale, make_user, new_page


@pytest.mark.parametrize(
    "text,language,slug",
    [
        ("Згорани", "uk", "zghorany"),
        ("Їжакевич", "uk", "yizhakevych"),
        ("Щербухи", "uk", "shcherbukhy"),
        ("Тернопільська міська рада", "uk", "ternopilska-miska-rada"),
        ("Громадський бюджет — 2026", "uk", "hromadskyi-biudzhet-2026"),
        ("София", "bg", "sofia"),
        ("Община Левски", "bg", "obshtina-levski"),
        ("България и Юлия", "bg", "balgaria-i-yulia"),
        ("Щастие", "bg", "shtastie"),
        ("Banská Bystrica", "sk", "banska-bystrica"),
        ("Open Government", "en", "open-government"),
    ],
)
def test_national_romanisation(text, language, slug):
    assert slug_for(text, language) == slug


def _create(client, parent, title, slug):
    client.force_login(make_user(superuser=True))
    url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", parent.pk])
    data = {
        "title": title,
        "slug": slug,
        "intro": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    client.post(url, data)
    return StandardPage.objects.filter(title=title).first()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "site,title,typed,expected",
    [
        ("ternopil", "Згорани", "", "zghorany"),  # no JavaScript: empty slug
        ("ternopil", "Згорани", "zgorani", "zghorany"),  # the admin's approximate guess
        ("ternopil", "Згорани", "згорани", "zghorany"),  # typed in Cyrillic
        ("ternopil", "Згорани", "villages", "villages"),  # chosen by hand: kept
        ("levski", "София", "sofiya", "sofia"),
    ],
)
def test_the_admin_gives_new_pages_the_national_slug(client, site, title, typed, expected):
    page = _create(client, home(site), title, typed)
    assert page is not None and page.slug == expected


@pytest.mark.django_db
def test_a_translated_slug_typed_in_cyrillic_is_romanised():
    source = new_page("levski", "pazari", "Пазари", "Пазарни дни.")
    translation = po.translation_for(source, locale("en"))
    file = translation.export_po()
    for entry in file:
        entry.msgstr = "Щастие" if entry.msgctxt == "slug" else "Markets"
    translation.import_po(file)
    slug = StringTranslation.objects.get(
        locale=locale("en"), context__path="slug", context__object_id=source.translation_key
    )
    assert slug.data == "shtastie"
