"""PO round trips for a page and a section: export, translate with polib, import, publish."""

import io
import zipfile

import polib
import pytest
from django.core.management import call_command

from cms.pages.models import StandardPage
from cms.translations import po
from cms.translations.tests.helpers import home, locale, new_page, translate_po

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>Прийом громадян щовівторка.</p>")]
ENGLISH = {
    "Прийом громадян": "Office hours",
    "Де і коли вас приймають.": "Where and when you are received.",
    "Прийом громадян щовівторка.": "Office hours every Tuesday.",
    "Відділи": "Departments",
    "Структура ради.": "The council's structure.",
}


def _english(msgid):
    return ENGLISH.get(msgid, msgid)


def test_page_export_translate_import_publish(get, django_capture_on_commit_callbacks):
    source = new_page(
        "ternopil", "pryiom", "Прийом громадян", "Де і коли вас приймають.", body=BODY
    )
    exported = po.export_page_po(source, locale("en"))
    assert {e.msgid for e in exported} >= {"Прийом громадян", "Прийом громадян щовівторка."}
    assert all(not e.msgstr for e in exported)

    text = str(translate_po(polib.pofile(str(exported)), _english))
    with django_capture_on_commit_callbacks(execute=True):
        translation, warnings = po.import_po(text, publish=True)
    assert warnings == []
    page = translation.get_target_instance()
    assert page.live and page.title == "Office hours"
    html = get("ternopil", "/en/pryiom/").content.decode()
    assert "Office hours every Tuesday." in html and '<html lang="en">' in html

    again = po.export_page_po(source, locale("en"))
    assert {e.msgid: e.msgstr for e in again if not e.obsolete} == {
        e.msgid: _english(e.msgid) for e in exported
    }


def test_importing_without_publish_keeps_a_draft():
    source = new_page("ternopil", "chernetka", "Прийом громадян", "Де і коли вас приймають.")
    exported = translate_po(po.export_page_po(source, locale("en")), _english)
    translation, _ = po.import_po(str(exported))
    assert not translation.get_target_instance().live


def test_section_round_trip(tmp_path, django_capture_on_commit_callbacks):
    section = new_page("ternopil", "struktura", "Відділи", "Структура ради.")
    child = StandardPage(
        title="Прийом громадян", slug="pryiom-2", intro="Де і коли вас приймають.", body=BODY
    )
    section.add_child(instance=child)
    child.save_revision().publish()

    archive = tmp_path / "section.zip"
    call_command("translations_po", "export", str(section.pk), "en", str(archive), "--section")
    translated = io.BytesIO()
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(translated, "w") as target:
        names = source.namelist()
        assert len(names) == 2
        for name in names:
            file = translate_po(polib.pofile(source.read(name).decode()), _english)
            target.writestr(name, str(file))
    archive.write_bytes(translated.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("translations_po", "import", str(archive), "--publish")

    en_section = section.get_translation(locale("en"))
    assert en_section.live and en_section.title == "Departments"
    en_child = en_section.get_children().get().specific
    assert en_child.live and en_child.title == "Office hours"
    assert en_child.body[0].value.source == "<p>Office hours every Tuesday.</p>"
    assert en_section.get_parent().pk == home("ternopil", "en").pk


def test_a_foreign_or_broken_file_changes_nothing():
    assert po.import_po('msgid ""\nmsgstr ""\n') == (None, [])
