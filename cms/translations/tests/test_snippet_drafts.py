"""Translatable snippets have draft state: a translator's edit or new translation of a menu
or a category is a draft until an editor publishes it."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail_localize.models import Translation, TranslationSource

from cms.navigation.models import MainMenu
from cms.news.models import NewsCategory
from cms.translations import po
from cms.translations.status import IN_PROGRESS, UP_TO_DATE, StatusReport
from cms.translations.tests.helpers import locale, make_user, translate_po, translator

pytestmark = pytest.mark.django_db

DRAFT_LABEL = "Draft link of a translator"


def _menu_form(menu, extra_label):
    """The snippet edit form of `menu` as posted by the admin, with one link added."""
    items = list(menu.items.order_by("sort_order"))
    data = {
        "site": menu.site_id,
        "items-TOTAL_FORMS": len(items) + 1,
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for n, item in enumerate(items):
        data.update(
            {
                f"items-{n}-id": item.pk,
                f"items-{n}-link_page": item.link_page_id or "",
                f"items-{n}-link_url": item.link_url,
                f"items-{n}-label": item.label,
                f"items-{n}-ORDER": n + 1,
            }
        )
    n = len(items)
    data.update(
        {
            f"items-{n}-id": "",
            f"items-{n}-link_page": "",
            f"items-{n}-link_url": "https://example.org/draft",
            f"items-{n}-label": extra_label,
            f"items-{n}-ORDER": n + 1,
        }
    )
    return data


def _english_menu():
    site = Site.objects.get(site_name="ternopil")
    return MainMenu.objects.get(site=site, locale__language_code="en")


def test_a_translators_edit_of_a_live_menu_stays_a_draft_until_an_editor_publishes(client, get):
    menu = _english_menu()
    assert menu.live
    url = reverse("wagtailsnippets_navigation_mainmenu:edit", args=[menu.pk])
    user = translator()
    assert not user.has_perm("navigation.publish_mainmenu")
    client.force_login(user)

    response = client.post(url, _menu_form(menu, DRAFT_LABEL))
    assert response.status_code == 302
    menu.refresh_from_db()
    assert menu.live and menu.has_unpublished_changes
    assert DRAFT_LABEL not in get("ternopil", "/en/").content.decode()

    # Asking to publish without the permission saves one more draft, nothing public.
    client.post(url, {**_menu_form(menu, DRAFT_LABEL), "action-publish": "action-publish"})
    menu.refresh_from_db()
    assert menu.live_revision_id is None or DRAFT_LABEL not in str(menu.live_revision.content)
    assert not menu.items.filter(label=DRAFT_LABEL).exists()
    assert DRAFT_LABEL not in get("ternopil", "/en/").content.decode()

    editor = make_user("Editors")
    assert editor.has_perm("navigation.publish_mainmenu")
    client.force_login(editor)
    response = client.post(
        url, {**_menu_form(menu, DRAFT_LABEL), "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    menu.refresh_from_db()
    assert not menu.has_unpublished_changes
    assert DRAFT_LABEL in get("ternopil", "/en/").content.decode()


def test_translators_may_edit_but_not_publish_snippets_and_editors_may_publish():
    user = translator()
    moderator = make_user("Moderators")
    for perm in ("navigation.change_footer", "news.add_newscategory", "archive.view_documenttype"):
        assert user.has_perm(perm)
    for perm in ("navigation.publish_footer", "news.publish_newscategory"):
        assert not user.has_perm(perm)
        assert moderator.has_perm(perm)


def test_a_draft_menu_is_not_shown(get):
    menu = _english_menu()
    label = menu.items.exclude(label="").values_list("label", flat=True).first()
    if label is None:
        label = menu.items.select_related("link_page").first().link_page.title
    assert label in get("ternopil", "/en/").content.decode()
    menu.unpublish()
    assert label not in get("ternopil", "/en/").content.decode()


def _translated_category():
    """A Ukrainian category and its wagtail-localize translation into English, every
    string translated, saved as wagtail-localize saves it for a translator (a draft)."""
    source = NewsCategory.objects.create(
        name="Громадський бюджет", slug="test-hromadskyi-biudzhet", locale=locale("uk")
    )
    user = translator()
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.create(source=translation_source, target_locale=locale("en"))
    translation.import_po(
        translate_po(translation.export_po(), lambda msgid: "Participatory budget"), user=user
    )
    translation.save_target(user=user, publish=False)
    return source, translation


def _report_cell(source, language):
    site = Site.objects.get(site_name="ternopil")
    rows = StatusReport([site], include_snippets=True).snippet_rows()
    row = next(row for row in rows if row.source == source)
    return row.cells[language]


def test_a_localize_translation_of_a_category_is_a_draft_until_published():
    source, translation = _translated_category()
    target = translation.get_target_instance()
    assert target.name == "Participatory budget"
    assert not target.live
    assert target.pk not in [c.pk for c in NewsCategory.translations_in(locale("en").pk).values()]
    assert _report_cell(source, "en").status == IN_PROGRESS

    target.latest_revision.publish()
    target.refresh_from_db()
    assert target.live
    assert NewsCategory.translations_in(locale("en").pk)[source.translation_key] == target
    assert _report_cell(source, "en").status == UP_TO_DATE


def test_a_po_import_onto_a_live_snippet_translation_keeps_the_live_text():
    source, translation = _translated_category()
    target = translation.get_target_instance()
    target.latest_revision.publish()
    user = translator()
    translation.import_po(
        translate_po(translation.export_po(), lambda msgid: "Citizens' budget"), user=user
    )
    po.import_po(translation.export_po(), user=user)
    target.refresh_from_db()
    assert target.live and target.name == "Participatory budget"
    assert target.has_unpublished_changes
    assert target.latest_revision.as_object().name == "Citizens' budget"
    assert _report_cell(source, "en").status == IN_PROGRESS
