"""The core's one answer to "which municipality is this page / request in".

A municipality is a Wagtail `Site` whose `site_name` is the slug of a profile (`site/*.toml`,
`cms.core.profiles`). Every app asks here, never on its own:

- `site_for_page(page)`: the Site a page belongs to, found through the tree path (the
  site's home page, in any of its languages, is the page or one of its ancestors). Works for
  a page whose URL path is not set yet (a page being created: pass its parent); None for a
  page outside every site or a page not in the tree yet.
- `site_for_request(request)`: the Site serving a request (Wagtail's rule, cached).
- `profile_for_site(site)`, `profile_for_page(page)`, `profile_for_request(request)`: the
  municipality profile.
- `home_in(site, locale)`: the site's home page in one of its languages (`site.root_page` is
  the home in the default language only; `Page.objects.in_site(site)` misses the others).

The one fallback rule: the profile whose slug is the site's `site_name`, else the profile
whose hostname is the site's hostname, else the default profile (the first one, which is
also served on unknown hosts). So a profile is always found, also for no site at all (None):
a page outside every site takes the default municipality's time zone and languages.
"""

from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site

from cms.core.profiles import all_profiles, default_profile


def profile_for_site(site):
    """The profile of `site` (a Site or None), by the module's one fallback rule."""
    if site is not None:
        for profile in all_profiles():
            if profile.slug == site.site_name:
                return profile
        for profile in all_profiles():
            if profile.hostname == site.hostname:
                return profile
    return default_profile()


def home_in(site, locale):
    """The home page of `site` in `locale` (a Locale), or None when the site has no version in
    that language. The pages of the site in that language are its descendants."""
    home = site.root_page
    if home.locale_id == locale.pk:
        return home
    return home.get_translation_or_none(locale)


def site_roots():
    """{tree path of a site's home page, in each of its languages: that Site}, deepest
    first. Two queries; pass it to `site_for_page` when asking for many pages."""
    sites = Site.objects.select_related("root_page").order_by("-is_default_site", "hostname", "pk")
    by_key = {}
    for site in sites:
        by_key.setdefault(site.root_page.translation_key, site)
    homes = Page.objects.filter(translation_key__in=by_key).values_list("path", "translation_key")
    return {path: by_key[key] for path, key in sorted(homes, key=lambda home: -len(home[0]))}


def site_for_page(page, roots=None):
    """The Site whose home page (in any of its languages) is `page` or an ancestor of it,
    the nearest one when sites are nested; None outside every site or for a page not in the
    tree yet. `roots`: the `site_roots()` of a batch."""
    path = getattr(page, "path", "") if page is not None else ""
    if not path:
        return None
    for root_path, site in (site_roots() if roots is None else roots).items():
        if path.startswith(root_path):
            return site
    return None


def profile_for_page(page):
    """The profile of the site `page` belongs to (the default profile outside every site)."""
    return profile_for_site(site_for_page(page))


def site_for_request(request):
    """The Site that serves `request`, as Wagtail's `Site.find_for_request` finds it (host
    name and port, else the default site), from the cache (cms.core.chrome: kept until a
    site changes) and remembered on the request, where Wagtail looks for it first."""
    if not hasattr(request, "_wagtail_site"):
        from cms.core.chrome import cached
        from cms.core.frontcache import add_tags

        sites = cached(request, "sites", (), _all_sites, tagged=False)
        hostname = split_domain_port(request._get_raw_host())[0]
        site = request._wagtail_site = _site_for_host(sites, hostname, request.get_port())
        if site is not None:
            add_tags(f"link-{site.root_page_id}")  # as if its home had been loaded
    return request._wagtail_site


def _all_sites():
    return list(Site.objects.select_related("root_page").order_by("pk"))


def _site_for_host(sites, hostname, port):
    """Wagtail's choice (`get_site_for_hostname`) among `sites`: the site of this host name
    and port, else of this host name if it is the default, else the only site of the host
    name (several: the default site), else the default site; else None."""
    ranked = []
    for site in sites:
        if site.hostname == hostname:
            rank = 0 if site.port == port else 1 if site.is_default_site else 3
        elif site.is_default_site:
            rank = 2
        else:
            continue
        ranked.append((rank, site))
    ranked.sort(key=lambda item: item[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


def locale_id_of(language, request):
    """The id of the Locale of `language`, or None, from the cache (cms.core.chrome)."""
    from cms.core.chrome import cached

    ids = cached(request, "locales", (), _locale_ids, tagged=False)
    return ids.get(language)


def _locale_ids():
    return dict(Locale.objects.values_list("language_code", "pk"))


def profile_for_request(request):
    """The profile of the site that serves `request` (`site_for_request`), looked up once
    per request."""
    profile = getattr(request, "municipality", None)
    if profile is None:
        profile = request.municipality = profile_for_site(site_for_request(request))
    return profile
