"""Readable Latin slugs for document addresses, whatever the script of the title."""

import re

from django.utils.text import slugify
from transliterate import translit
from translitua import translit as translit_uk

MAX_SLUG_LENGTH = 80


def document_slug(title, language=""):
    """`title` transliterated (Ukrainian's official table, Bulgarian's streamlined one) and
    slugified; "document" when nothing readable is left."""
    text = re.sub(r"[\u2010-\u2015/]", "-", title or "")
    if language == "bg":
        text = translit(text, "bg", reversed=True)
    elif any("\u0400" <= char <= "\u04ff" for char in text):
        text = translit_uk(text)
    slug = slugify(text)[:MAX_SLUG_LENGTH].strip("-")
    return slug or "document"
