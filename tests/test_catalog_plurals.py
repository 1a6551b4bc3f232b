"""Every plural message fills every form its language's Plural-Forms asks for: Ukrainian and
Slovak have four, and a missing one falls back to English ("0 comments", "Computed from 15
milestones" on a Ukrainian page)."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
PO_FILES = sorted(
    po
    for pattern in ("cms/*/locale", "plugins/*/locale", "themes/*/locale")
    for directory in ROOT.glob(pattern)
    for po in directory.glob("*/LC_MESSAGES/django.po")
)


def _plural_count(po):
    header = po.metadata.get("Plural-Forms", "")
    return int(header.split("nplurals=")[1].split(";")[0])


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plural_messages_fill_every_form(path):
    po = polib.pofile(str(path))
    wanted = _plural_count(po)
    short = [
        entry.msgid
        for entry in po
        if entry.msgid_plural
        and not entry.obsolete
        and (
            len(entry.msgstr_plural) < wanted
            or not all(entry.msgstr_plural.get(n) for n in range(wanted))
        )
    ]
    assert short == [], f"{path.relative_to(ROOT)}: plural forms missing"


@pytest.mark.parametrize(
    "language, count, expected",
    [
        ("uk", 0, "0 коментарів"),
        ("uk", 1, "1 коментар"),
        ("uk", 3, "3 коментарі"),
        ("uk", 15, "15 коментарів"),
        ("uk", 21, "21 коментар"),
        ("sk", 0, "0 komentárov"),
        ("sk", 2, "2 komentáre"),
        ("sk", 7, "7 komentárov"),
        ("bg", 0, "0 коментара"),
        ("bg", 1, "1 коментар"),
    ],
)
def test_comment_count_reads_right_for_every_number(language, count, expected):
    with translation.override(language):
        text = translation.ngettext("%(counter)s comment", "%(counter)s comments", count)
    assert text % {"counter": count} == expected
