from django import template
from django.utils import translation
from wagtail.models import Site

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
        for item in menu.items.select_related("link_page").order_by("sort_order"):
            page = item.link_page
            if page is not None and not page.live:
                continue
            url = page.get_url(request) if page is not None else item.link_url
            items.append({"text": item.text, "url": url, "current": url == request.path})
    return {"items": items}


@register.simple_tag(takes_context=True)
def footer_text(context):
    footer = _for_site_and_language(Footer, context["request"])
    return footer.text if footer else ""
