import nh3
from django import template
from django.utils import translation
from wagtail.models import Site

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


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    menu = _for_site_and_language(MainMenu, request)
    items = []
    if menu is not None:
        entries = list(menu.items.select_related("link_page").order_by("sort_order"))
        linked = (item.link_page for item in entries)
        shown = {page.pk for page in keep_public(linked, request)}
        for item in entries:
            page = item.link_page
            if page is not None and page.pk not in shown:
                continue  # a draft, or a page under a view restriction
            url = page.get_url(request) if page is not None else item.link_url
            items.append({"text": item.text, "url": url, "current": url == request.path})
    return {"items": items}


#: What the footer's editor offers (bold, italic, links), in Wagtail's stored form: internal
#: links are `<a linktype="page" id="…">` until the `richtext` filter expands them.
FOOTER_TAGS = {"p", "br", "b", "strong", "i", "em", "a"}
FOOTER_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
FOOTER_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@register.simple_tag(takes_context=True)
def footer_text(context):
    """The footer's stored rich text, reduced to what its editor offers, for `|richtext`:
    markup that reached the database some other way (an import, the shell) is dropped."""
    footer = _for_site_and_language(Footer, context["request"])
    if footer is None or not footer.text:
        return ""
    return nh3.clean(
        footer.text,
        tags=FOOTER_TAGS,
        attributes=FOOTER_ATTRIBUTES,
        url_schemes=FOOTER_URL_SCHEMES,
    )
