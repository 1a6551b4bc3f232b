"""The client's address, the one place that reads it: every rate limit counts by it.

Behind `TRUSTED_PROXY_COUNT` proxies that each append the address they received the request
from to `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`), the client is the N-th
entry from the right; whatever the client itself wrote into the header stays further left
and is ignored. With no trusted proxy (the default outside production) the header is
ignored altogether. A header that is missing, too short or malformed falls back to the
connection's address.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "0.0.0.0"  # noqa: S104  # nosec B104  # a key for counting, never bound to


def _address(value):
    """`value` as a canonical IP address, else None (ports and IPv6 brackets removed)."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The address of the client that sent `request`, as far as the trusted proxies say."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = forwarded.split(",") if forwarded.strip() else []
        if len(hops) >= count:
            found = _address(hops[-count])
            if found:
                return found
    return _address(request.META.get("REMOTE_ADDR")) or UNKNOWN


def client_network(request):
    """What rate limits count by: the client's IPv4 address, or the /64 network of an IPv6
    one (a single home or server gets a whole /64 and could rotate through it)."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))
