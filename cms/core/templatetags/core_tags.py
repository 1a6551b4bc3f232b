from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms.core.chrome import cached
from cms.core.extensions import LISTING_ITEM_META, extension_html, has_session_cookie
from cms.core.jsonld import json_ld_script
from cms.core.sites import profile_for_request
from cms.core.visibility import keep_public

register = template.Library()


@register.filter
def json_ld(data):
    """Structured data as a `<script type="application/ld+json">` element (cms.core.jsonld)."""
    return json_ld_script(data)


def keep_public_or_self(translations, page, request):
    """The page itself and those of its translations that are public: a restricted
    translation is not even named to whoever reads another version."""
    translations = list(translations)
    public = {other.pk for other in keep_public(translations, request)}
    return [other for other in translations if other.pk == page.pk or other.pk in public]


def _translation_urls(page, request):
    """(the page's own address, [(language, address)] of itself and its live translations
    that are public), as the site of `request` links to them."""
    own_url = page.get_url(request) or ""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    found = []
    for other in keep_public_or_self(translations, page, request):
        url = other.get_url(request)
        if url:
            found.append((other.locale.language_code, url))
    return own_url, found


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language the site offers and the page exists in (itself included).

    On a Wagtail page: its live translations, and on a routable page's subpage (a document
    in the archive, a consultation's results) the same subpage of each translation.
    Elsewhere: the same URL in each site language.
    """
    request = context["request"]
    profile = profile_for_request(request)
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    page = context.get("page")
    if not isinstance(page, Page):
        page = getattr(request, "served_page", None)
    versions = []
    if isinstance(page, Page) and page.pk:
        site = Site.find_for_request(request)
        own_url, translated = cached(
            request,
            "versions",
            (site.pk if site else "-", page.pk),
            lambda: _translation_urls(page, request),
        )
        within = own_url and request.path.startswith(own_url)
        subpage = request.path[len(own_url) :] if within else ""
        for code, url in translated:
            if profile.serves(code):
                versions.append((code, url + subpage))
    else:
        for code in profile.languages:
            versions.append((code, translate_url(request.path, code)))
    order = {code: index for index, code in enumerate(profile.languages)}
    versions.sort(key=lambda item: order.get(item[0], 99))
    return [
        {"code": code, "name": names[code], "url": url, "current": code == current}
        for code, url in versions
    ]


@register.simple_tag(takes_context=True)
def extension_point(context, name, *args):
    """Whatever the installed plugins registered under the extension point `name`."""
    return extension_html(name, *args)


@register.simple_tag
def listing_item_meta(page, request):
    """The `LISTING_ITEM_META` fillers' HTML beside `page` in a list: as the list's view
    rendered it ahead (`page.listing_item_meta`, so that a kept fragment can name it in its
    key), else rendered now."""
    ahead = getattr(page, "listing_item_meta", None)
    if ahead is not None:
        return ahead
    return extension_html(LISTING_ITEM_META, page, request)


class KeepNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        values = [part.resolve(context) for part in self.parts]
        if any(value is None for value in values):
            return self.nodelist.render(context)
        html = cached(
            context.get("request"),
            "fragment",
            [self.name, translation.get_language(), *values],
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # nosec B308 B703: the template's own rendered (escaped) output


@register.tag
def keep(parser, token):
    """`{% keep "name" part ... %}...{% endkeep %}`: the enclosed HTML, rendered once and
    kept with the page frame (cms.core.chrome) for the language and the values of `parts`.
    It must depend on nothing else than those, the frame (pages, menus, sites) and the
    language: a plugin's filler inside is rendered ahead by the view and named in `parts`.
    A part that is None renders the HTML without keeping it."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("keep needs a name")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    name = bits[0].strip("\"'")
    return KeepNode(name, [parser.compile_filter(bit) for bit in bits[1:]], nodelist)


@register.simple_tag(takes_context=True)
def has_messages(context):
    """Whether flash messages may be waiting, without touching the session of a reader who
    has none (touching it would make the page uncacheable)."""
    request = context["request"]
    return has_session_cookie(request) or "messages" in request.COOKIES


@register.filter
def full_url(url, request):
    return request.build_absolute_uri(url)
