"""Who the site's mail comes from: the municipality by name, at the configured address."""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings


def sender(profile, language):
    """'Тернопільська міська рада <noreply@…>': the site's name in `language` with the
    address of DEFAULT_FROM_EMAIL (Django encodes the name for the header)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return str(Address(display_name=profile.name(language), addr_spec=address))
