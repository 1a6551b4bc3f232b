"""The page store: anonymous pages kept as gzip files that nginx sends as it sends static
files, ahead of its `proxy_cache` (site/deploy/nginx.conf).

A page goes into the store only when nginx would serve it exactly as Django answered:
a GET for an address ending in `/`, with no query string or a plain one (`QUERY`: nginx
looks for no other), status 200, compressed, with
the shared cache's `s-maxage`, and with the very headers the stored-pages include of nginx
adds (`FRONT_PAGE_STORE_HEADERS`, read here too). A page with any other header (a
`noindex`, another cache lifetime, a Content-Security-Policy changed in the environment
but not in nginx) stays out and is served through `proxy_cache`: never with wrong headers.

Files are `<store>/<host>/<path>/index.html.gz` (with a query string `index.<query>.html.gz`,
the query as the browser sent it), written whole (a temporary file renamed), dropped by the
same purges as nginx's cache, and swept once older than the `s-maxage` (by the minute's
purge command), so a page is never kept longer than nginx's cache keeps it. The store so
holds at most what Django renders in that time, as nginx's cache would.
"""

import logging
import os
import re
import tempfile
import time
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

logger = logging.getLogger(__name__)

# nginx's `add_header Name value;` and `charset value;`, the value quoted or not.
VALUE = r'(?:"([^"]*)"|([^\s";]+))\s*;'
ADD_HEADER = re.compile(r"^\s*add_header\s+(\S+)\s+" + VALUE, re.MULTILINE)
CHARSET = re.compile(r"^\s*charset\s+" + VALUE, re.MULTILINE)
#: Headers of each answer of its own, not of the page: not compared.
PER_ANSWER = {"date", "content-length", "content-language", "x-request-id", "x-cache-status"}
LANGUAGE = re.compile(r"^/([a-z]{2}(?:-[a-z]+)?)/")
#: The query strings nginx looks for in the store (its map on `$args`): never a `/`, so the
#: file stays in its address's folder, and short enough for a file name.
QUERY = re.compile(r"[A-Za-z0-9%+._=&-]{1,200}")


def enabled():
    return bool(settings.FRONT_PAGE_STORE and settings.FRONT_CACHE_PURGE_URL)


@cache
def served_headers():
    """The headers nginx adds to a stored page ({lower-cased name: value}), from its include;
    None when the file cannot be read (the store is then left alone)."""
    try:
        text = Path(settings.FRONT_PAGE_STORE_HEADERS).read_text()
    except OSError as exc:
        logger.warning("Page store off: %s", exc)
        return None
    headers = {
        name.lower(): _comparable(name, quoted or bare)
        for name, quoted, bare in ADD_HEADER.findall(text)
        if name.lower() not in PER_ANSWER
    }
    # nginx sends a stored `index.html.gz` with gzip_static: compressed, as text/html.
    charset = CHARSET.search(text)
    headers["content-encoding"] = "gzip"
    headers["content-type"] = "text/html" + (
        f"; charset={charset.group(1) or charset.group(2)}" if charset else ""
    )
    return headers


def _address(key):
    """A front-cache key's host, decoded path and raw query string (None without `?`)."""
    host, _, uri = key.partition("/")
    uri, mark, query = uri.partition("?")
    return host, unquote("/" + uri), query if mark else None


def file_for(key):
    """The stored file of a front-cache key (`host` + request URI), or None when the key is
    not one the store keeps (a query nginx does not look for, an address not ending in `/`,
    odd segments)."""
    return _file(*_address(key))


def _file(host, path, query):
    if (
        not settings.FRONT_PAGE_STORE
        or (query is not None and not QUERY.fullmatch(query))
        or not path.endswith("/")
        or not host
        or "/" in host
        or host.startswith(".")
    ):
        return None
    segments = path.strip("/").split("/") if path != "/" else []
    if any(s in ("", ".", "..") or "\x00" in s for s in segments):
        return None
    name = f"index.{query}.html.gz" if query else "index.html.gz"
    return Path(settings.FRONT_PAGE_STORE, host.lower(), *segments, name)


def storable(request, response):
    """Whether nginx would serve this answer, from the store, exactly as Django made it."""
    query = request.META.get("QUERY_STRING", "")
    if request.method != "GET" or (query and not QUERY.fullmatch(query)) or response.streaming:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # nginx never looks for it then
        return False
    if response.status_code != 200 or response.cookies:
        return False
    expected = served_headers()
    if not expected:
        return False
    language = LANGUAGE.match(request.path)
    if response.get("Content-Language") != (language.group(1) if language else None):
        return False
    headers = {
        name.lower(): _comparable(name, value)
        for name, value in response.items()
        if name.lower() not in PER_ANSWER
    }
    if headers == expected:
        return True
    _tell_differing(
        name for name in expected if headers.get(name, expected[name]) != expected[name]
    )
    return False


_told = set()


def _tell_differing(names):
    """Log once per process each header Django sends otherwise than nginx would (a setting
    changed on one side only): pages then go through proxy_cache, slower. A page's header
    of its own (a `noindex`) is not among them, nor its own cache lifetime."""
    for name in set(names) - _told - {"cache-control"}:
        _told.add(name)
        logger.warning(
            "Page store: Django sends %s otherwise than %s; pages are served through "
            "nginx's cache until both say the same",
            name,
            settings.FRONT_PAGE_STORE_HEADERS,
        )


def _comparable(name, value):
    """A header's value, as compared: a policy's directives in any order (django-csp puts
    them in a different order in each process)."""
    if name.lower() == "content-security-policy":
        return frozenset(part.strip() for part in value.split(";") if part.strip())
    return value


def write(key, request, response):
    """Keep the answer's body as the stored page of `key` (when it may be kept)."""
    # The file nginx looks for is named by its decoded address and raw query: this page's only
    host, path, query = _address(key)
    if (path, query or "") != (request.path, request.META.get("QUERY_STRING", "")):
        return False
    target = _file(host, path, query)
    if target is None:
        return False
    if not storable(request, response):
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".page-")
        with os.fdopen(handle, "wb") as out:
            out.write(response.content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:  # a full disk or a name too long: served from proxy_cache then
        logger.warning("Page store: %s not kept (%s)", key, exc)
        return False
    return True


def drop(key):
    """Remove the stored page of `key`, if there is one."""
    target = file_for(key)
    if target is not None:
        target.unlink(missing_ok=True)


def sweep(max_age):
    """Remove the stored pages written more than `max_age` seconds ago (and a temporary
    file left by a process that died while writing)."""
    if not enabled():
        return
    oldest = time.time() - max_age
    for folder, _dirs, files in os.walk(settings.FRONT_PAGE_STORE):
        for name in files:
            path = os.path.join(folder, name)
            try:
                if os.stat(path).st_mtime < oldest:
                    os.unlink(path)
            except FileNotFoundError:
                pass
