from django.http import Http404
from django.utils import translation
from wagtail import hooks

from cms.core.manifest import page_served_on
from cms.core.sites import locale_id_of, profile_for_request


@hooks.register("before_serve_page")
def serve_pages_only_in_their_language(page, request, serve_args, serve_kwargs):
    """404 for a page whose language is not the URL's, or that the site does not offer.

    Wagtail falls back to the default-language page when a translation is missing; the
    citizen would get a page in a language the URL did not ask for.
    """
    language = translation.get_language()
    if not profile_for_request(request).serves(language):
        raise Http404
    if page.locale_id != locale_id_of(language, request):
        raise Http404


@hooks.register("before_serve_page")
def serve_plugin_pages_only_where_enabled(page, request, serve_args, serve_kwargs):
    """404 for a page of a plugin (an event, a consultation) on a site whose profile does
    not enable that plugin."""
    if not page_served_on(page, request):
        raise Http404


@hooks.register("before_serve_page")
def remember_the_served_page(page, request, serve_args, serve_kwargs):
    """Views of a routable page's subpages (a document in the archive, a consultation's
    results) may render without `page` in their context; the language switcher finds the
    page here."""
    request.served_page = page
