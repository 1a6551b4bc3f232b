"""The core's one answer to "which municipality is this page / request in".

A municipality is a Wagtail `Site` whose `site_name` is the slug of a profile (`site/*.toml`,
`cms.core.profiles`). Every app asks here, never on its own:

- `site_for_page(page)`: the Site a page belongs to, found through the tree path (the
  site's home page, in any of its languages, is the page or one of its ancestors). Works for
  a page whose URL path is not set yet (a page being created: pass its parent); None for a
  page outside every site or a page not in the tree yet.
- `profile_for_site(site)`, `profile_for_page(page)`, `profile_for_request(request)`: the
  municipality profile.
- `home_in(site, locale)`: the site's home page in one of its languages (`site.root_page` is
  the home in the default language only; `Page.objects.in_site(site)` misses the others).

The one fallback rule: the profile whose slug is the site's `site_name`, else the profile
whose hostname is the site's hostname, else the default profile (the first one, which is
also served on unknown hosts). So a profile is always found, also for no site at all (None):
a page outside every site takes the default municipality's time zone and languages.
"""

from wagtail.models import Page, Site

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


def profile_for_request(request):
    """The profile of the site that serves `request` (Wagtail's `Site.find_for_request`:
    hostname and port, else the default site), looked up once per request."""
    profile = getattr(request, "municipality", None)
    if profile is None:
        profile = request.municipality = profile_for_site(Site.find_for_request(request))
    return profile
