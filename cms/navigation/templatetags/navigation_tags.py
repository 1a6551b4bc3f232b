import nh3
from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.rich_text import RichText, expand_db_html

from cms.core.chrome import cached
from cms.core.visibility import keep_public
from cms.navigation.models import Footer, MainMenu

register = template.Library()


def _for_site_and_language(model, request):
    """The live snippet of the current site in the active language, else in another one
    (a translation that is still a draft is not shown)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    candidates = model.objects.filter(site=site, live=True).select_related("locale")
    active = translation.get_language()
    found = {item.locale.language_code: item for item in candidates}
    return found.get(active) or next(iter(found.values()), None)


def _menu_links(request):
    """[(text, address)] of the site's menu in the active language: the public pages only,
    whoever asks (the same for every visitor, so it is cached per site and language)."""
    menu = _for_site_and_language(MainMenu, request)
    if menu is None:
        return []
    entries = list(menu.items.select_related("link_page").order_by("sort_order"))
    linked = (item.link_page for item in entries)
    shown = {page.pk for page in keep_public(linked, request)}
    links = []
    for item in entries:
        page = item.link_page
        if page is not None and page.pk not in shown:
            continue  # a draft, or a page under a view restriction
        url = page.get_url(request) if page is not None else item.link_url
        links.append((str(item.text), url))
    return links


def _site_and_language(request):
    site = Site.find_for_request(request)
    return (site.pk if site else "-", translation.get_language())


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    links = cached(request, "menu", _site_and_language(request), lambda: _menu_links(request))
    return {
        "items": [{"text": text, "url": url, "current": url == request.path} for text, url in links]
    }


#: What the footer's editor offers (bold, italic, links), in Wagtail's stored form: internal
#: links are `<a linktype="page" id="…">` until the `richtext` filter expands them.
FOOTER_TAGS = {"p", "br", "b", "strong", "i", "em", "a"}
FOOTER_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
FOOTER_URL_SCHEMES = {"http", "https", "mailto", "tel"}


class RenderedRichText(RichText):
    """Rich text already expanded and rendered (from the cache): `|richtext` leaves a
    RichText as it is, and this one renders without expanding anything again."""

    def __html__(self):
        return self.source

    def __str__(self):
        return mark_safe(self.source)  # nosec B308 B703: rendered by `_footer_html`


def _footer_html(request):
    """The footer's stored rich text, reduced to what its editor offers (markup that
    reached the database some other way, an import or the shell, is dropped), expanded
    and rendered as `|richtext` renders it; "" without a footer or text."""
    footer = _for_site_and_language(Footer, request)
    if footer is None or not footer.text:
        return ""
    cleaned = nh3.clean(
        footer.text,
        tags=FOOTER_TAGS,
        attributes=FOOTER_ATTRIBUTES,
        url_schemes=FOOTER_URL_SCHEMES,
    )
    return render_to_string("wagtailcore/shared/richtext.html", {"html": expand_db_html(cleaned)})


@register.simple_tag(takes_context=True)
def footer_text(context):
    """The footer's rich text of the site in the active language, ready for `|richtext`
    (kept in the cache per site and language); "" when there is none."""
    request = context["request"]
    html = cached(request, "footer", _site_and_language(request), lambda: _footer_html(request))
    return RenderedRichText(html) if html else ""
