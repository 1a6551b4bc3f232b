"""The core's one JSON-LD tag: structured data (schema.org) as a
`<script type="application/ld+json">` element, escaped the way Django's `json_script`
escapes (`<`, `>` and `&` as \\u escapes), so no value can close the element. Templates use
the `json_ld` filter of `core_tags`; template tags of apps call `json_ld_script`."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` (JSON-serialisable; dates, decimals and lazy strings too) as a safe
    `<script type="application/ld+json">` element; non-ASCII text kept as it is."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # nosec B308, B703  # <, > and & escaped: cannot leave the element
    )
