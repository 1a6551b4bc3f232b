"""What a 404 can offer: the same page in the languages it is published in on this site.

A link such as `/en/about/` to a page that exists only in Ukrainian finds the page at the
same path in the site's other language trees, then lists its live translations. Nothing is
served from here: the citizen chooses, and each link is in its own language.
"""

import re

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language_from_path
from wagtail.models import Site

from cms.core.sites import profile_for_site
from cms.core.visibility import public_pages

MAX_COMPONENTS = 20
# The path segments Wagtail serves pages at (its `wagtail_serve` URL pattern); anything
# else (a NUL byte, say, that PostgreSQL refuses to compare) names no page.
SEGMENT = re.compile(r"[\w\-]+")


def _route(root, request, components):
    try:
        result = root.specific.route(request, components)
    except (Http404, ValueError):
        return None
    page = getattr(result, "page", None) or result[0]
    return page if page.live else None


def language_alternatives(request, current_language):
    """[{code, name, title, url}] of the page the URL names, in the site's other languages."""
    try:
        site = Site.find_for_request(request)
    except Exception:  # a malformed Host header
        return []
    if site is None:
        return []
    profile = profile_for_site(site)
    path = request.path_info
    prefix = get_language_from_path(path)
    rest = path[len(prefix) + 1 :] if prefix else path
    components = [part for part in rest.split("/") if part]
    if len(components) > MAX_COMPONENTS or not all(map(SEGMENT.fullmatch, components)):
        return []
    roots = site.root_page.get_translations(inclusive=True).select_related("locale")
    order = {code: index for index, code in enumerate(profile.languages)}
    roots = sorted(
        (root for root in roots if root.locale.language_code in order),
        key=lambda root: order[root.locale.language_code],
    )
    found = None
    for root in roots:
        found = _route(root, request, components)
        if found is not None:
            break
    if found is None:
        return []
    names = dict(settings.LANGUAGES)
    alternatives = []
    versions = public_pages(found.get_translations(inclusive=True))
    for version in versions.select_related("locale"):
        code = version.locale.language_code
        if code not in order or code == prefix:
            continue
        url = version.get_url(request)
        if url:
            alternatives.append(
                {"code": code, "name": names[code], "title": version.title, "url": url}
            )
    alternatives.sort(key=lambda item: order[item["code"]])
    return alternatives
