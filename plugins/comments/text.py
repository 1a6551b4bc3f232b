"""Citizens write plain text: it is cleaned on the way in and rendered inert on the way out."""

import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from cms.core.text import clean_plain_text


def clean_text(raw):
    """The text as it is stored (the core's cleaner of citizens' text)."""
    return clean_plain_text(raw)


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
