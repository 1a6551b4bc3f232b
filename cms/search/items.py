"""What the search index holds: the entry of a page (only a live, public page of a site,
with the text of its own `search_fields`) and the registered source of any other object."""

from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail.search.index import RelatedFields, SearchField

from cms.core.search_sources import SearchItem, search_sources
from cms.core.sites import site_for_page
from cms.core.visibility import is_public

PAGE_KIND = "pages"
MAX_TEXT = 100_000


def page_kinds():
    kinds = {}
    for source in search_sources():
        for label in source.page_models:
            kinds[label.lower()] = source.kind
    return kinds


def page_kind(page, kinds=None):
    kinds = page_kinds() if kinds is None else kinds
    for cls in type(page).__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and meta.label_lower in kinds:
            return kinds[meta.label_lower]
    return PAGE_KIND


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_text(item) for item in value.values())
    return strip_tags(force_str(value))


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, SearchField) and field.field_name != "title":
            yield _text(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            related = related.all() if hasattr(related, "all") else [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def page_text(page):
    """The searchable text of a page from its own `search_fields`, intro first."""
    parts = [page.search_description or ""]
    parts.extend(_field_texts(page, page.get_search_fields()))
    seen, kept = set(), []
    for part in parts:
        part = " ".join(part.split())
        if part and part not in seen:
            seen.add(part)
            kept.append(part)
    return "\n".join(kept)[:MAX_TEXT]


def page_item(page, roots=None):
    """The SearchItem of a specific page, or None when readers may not find it."""
    if not page.live or page.depth < 2:
        return None
    site = site_for_page(page, roots)
    if site is None or not is_public(page):
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return SearchItem(
        site_id=site.pk,
        language=page.locale.language_code,
        title=page.title,
        text=page_text(page),
        url=url_parts[2],
        date=getattr(page, "publication_date", None) or page.last_published_at,
    )


def source_for_object(obj):
    label = obj._meta.label_lower
    for source in search_sources():
        if source.model and source.model.lower() == label:
            return source
    return None
