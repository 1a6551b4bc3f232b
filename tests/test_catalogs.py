"""Every project catalog is complete (no untranslated or fuzzy entry) and fresh (it holds
exactly the strings that `makemessages` finds in its app today)."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("uk", "sk", "bg")
CATALOG_DIRS = sorted(
    path.parent
    for pattern in ("cms/*/locale", "plugins/*/locale", "themes/*/locale")
    for path in ROOT.glob(pattern)
    if path.is_dir()
)
PO_FILES = sorted(
    po for directory in CATALOG_DIRS for po in directory.glob("locale/*/LC_MESSAGES/django.po")
)


def _name(path):
    return str(path.relative_to(ROOT))


def _keys(po):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


@pytest.mark.parametrize("path", PO_FILES, ids=_name)
def test_catalog_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries() if not e.obsolete]
    assert untranslated == [], f"untranslated in {_name(path)}"
    assert fuzzy == [], f"fuzzy in {_name(path)}"


@pytest.mark.parametrize("directory", CATALOG_DIRS, ids=_name)
def test_every_language_has_a_catalog(directory):
    has_strings = any(directory.glob("locale/*/LC_MESSAGES/django.po"))
    if has_strings:
        for language in LANGUAGES:
            assert (directory / "locale" / language / "LC_MESSAGES" / "django.po").exists()


def _copy_sources(directory, target):
    def ignore(folder, names):
        return [
            name
            for name in names
            if name in ("static", "__pycache__", "node_modules") or name.endswith(".mo")
        ]

    shutil.copytree(directory, target, ignore=ignore)


@pytest.mark.parametrize("directory", CATALOG_DIRS, ids=_name)
def test_catalog_is_not_stale(directory, tmp_path):
    committed = directory / "locale" / "uk" / "LC_MESSAGES" / "django.po"
    if not committed.exists():
        pytest.skip("no catalog")
    copy = tmp_path / directory.name
    _copy_sources(directory, copy)
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command(
            "makemessages",
            locale=["uk"],
            no_obsolete=True,
            add_location="file",
            ignore_patterns=["tests/*", "migrations/*"],
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    fresh = _keys(polib.pofile(str(copy / "locale" / "uk" / "LC_MESSAGES" / "django.po")))
    current = _keys(polib.pofile(str(committed)))
    assert sorted(fresh - current, key=str) == [], f"{_name(directory)}: run makemessages"
    assert sorted(current - fresh, key=str) == [], f"{_name(directory)}: obsolete strings"
