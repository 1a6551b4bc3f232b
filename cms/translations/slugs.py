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
DASHES = re.compile(r"[\u2012-\u2015\u2212/]")


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
    text = DASHES.sub(" ", romanize(text, language))
    return slugify(text, allow_unicode=False)[:255].strip("-")


def slug_from_title(slug, title, language):
    """Whether `slug` was made from `title` (most of its words, numbers aside, are the
    title's words)."""
    words = [word for word in slug.split("-") if word and not word.isdigit()]
    title_words = set(slug_for(title, language).split("-"))
    return bool(words) and sum(word in title_words for word in words) >= 0.6 * len(words)


def has_cyrillic(text):
    return bool(CYRILLIC.search(text or ""))
