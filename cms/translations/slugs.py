"""Readable ASCII slugs from Cyrillic titles, by each country's official romanisation.

Ukrainian: the Cabinet of Ministers' 2010 table (resolution No. 55), via translitua.
Bulgarian: the official streamlined system (Transliteration Act 2009), via transliterate,
plus its rule that a word-final "-ия" is written "-ia" (София -> Sofia).
Latin-script titles (Slovak, English) only lose their diacritics (Banská -> banska).
"""

import re

from django.utils.text import slugify
from transliterate import translit as translit_any
from translitua import UkrainianKMU
from translitua import translit as translit_ua

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
BULGARIAN_FINAL_IA = re.compile(r"(и)(я)\b", re.IGNORECASE)


def _bulgarian(text):
    text = BULGARIAN_FINAL_IA.sub(
        lambda m: m.group(1) + ("А" if m.group(2).isupper() else "а"), text
    )
    return translit_any(text, "bg", reversed=True)


def romanize(text, language):
    """`text` in Latin letters by the national standard of `language`."""
    if not CYRILLIC.search(text or ""):
        return text or ""
    if language == "bg":
        return _bulgarian(text)
    return translit_ua(text, UkrainianKMU)


def slug_for(text, language):
    """An ASCII slug for `text` (a title, or a slug a translator typed) in `language`."""
    return slugify(romanize(text, language), allow_unicode=False)[:255].strip("-")


def has_cyrillic(text):
    return bool(CYRILLIC.search(text or ""))
