from django import template
from django.utils import translation
from wagtail.models import Site

from cms.alerts.notices import notices_for
from cms.core.sites import profile_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def emergency_notices(context):
    """The emergency notices the serving site shows on this page, in the page's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    profile = profile_for_site(site)
    return notices_for(site, translation.get_language(), profile.default_language)
