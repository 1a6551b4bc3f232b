"""From a Wagtail Site to the municipality profile that configures it (Site.site_name = slug)."""

from wagtail.models import Site

from cms.core.profiles import all_profiles, default_profile


def profile_for_site(site):
    if site is not None:
        for profile in all_profiles():
            if profile.slug == site.site_name:
                return profile
    return default_profile()


def profile_for_request(request):
    profile = getattr(request, "municipality", None)
    if profile is None:
        profile = request.municipality = profile_for_site(Site.find_for_request(request))
    return profile
