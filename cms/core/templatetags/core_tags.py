from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms.core.chrome import cached
from cms.core.extensions import has_session_cookie, render_extension_point
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
    # Each part is a rendered template (autoescaped) or format_html output.
    return mark_safe(  # nosec B308 B703
        "".join(str(html) for html in render_extension_point(name, *args))
    )


@register.simple_tag(takes_context=True)
def has_messages(context):
    """Whether flash messages may be waiting, without touching the session of a reader who
    has none (touching it would make the page uncacheable)."""
    request = context["request"]
    return has_session_cookie(request) or "messages" in request.COOKIES


@register.filter
def full_url(url, request):
    return request.build_absolute_uri(url)
