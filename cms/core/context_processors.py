from django.utils import translation

from cms.core.identity import identity_of
from cms.core.sites import profile_for_request


def municipality(request):
    """The serving municipality's profile and its name and contacts in the active language."""
    profile = profile_for_request(request)
    language = translation.get_language()
    return {
        "municipality": profile,
        "municipality_name": profile.name(language),
        "identity": identity_of(profile),
        "municipality_contacts": {
            key: profile.contact(key, language)
            for key in ("address", "phone", "email", "hotline", "hotline_label")
            if profile.contact(key, language)
        },
    }
