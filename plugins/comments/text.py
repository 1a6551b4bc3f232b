"""Citizens write plain text: it is cleaned on the way in and rendered inert on the way out."""

import re
import unicodedata

import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

#: Bidirectional embeddings, overrides and isolates, and zero-width characters that can
#: disguise what a text says.
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x200B, 0xFEFF]
)
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def clean_text(raw):
    """The text as it is stored: NFC, no control or direction-changing characters, tidy
    line breaks, no surrounding blanks."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_INVISIBLE)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def count_links(text):
    return len(_LINK.findall(text))


def render_text(text):
    """Safe HTML for a comment: escaped, links made clickable (rel="nofollow ugc"),
    paragraphs; then nh3 keeps only <p>, <br> and http(s) links whatever happened before."""
    html = linebreaks(urlize(clean_text(text), trim_url_limit=60, autoescape=True))
    return mark_safe(  # nosec B308, B703  # nh3 keeps only <p>, <br> and http(s) links
        nh3.clean(
            html,
            tags={"p", "br", "a"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="nofollow ugc noopener",
        )
    )
