"""The page store behind the shipped nginx: an anonymous page is sent from it as a static
file with exactly the headers Django gave it, and only to whom Django's answer was for."""

import pytest

pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"
PAGE = "/uk/events/"
IDENTITY = {"Accept-Encoding": "identity"}
#: Each answer's own: not the page's.
PER_ANSWER = {"date", "content-length", "x-request-id", "x-cache-status", "connection"}
#: What nginx adds to a file it sends (validators and ranges), and to no proxied page.
FILE_ONLY = {"last-modified", "etag", "accept-ranges"}


def page_headers(answer):
    return {
        name: sorted(part.strip() for part in value.split(";"))
        if name == "content-security-policy"
        else value
        for name, value in answer.headers.items()
        if name not in PER_ANSWER | FILE_ONLY
    }


@pytest.mark.parametrize(
    "address",
    # A filtered page is stored under its query as the browser sent it (encoded).
    [PAGE, PAGE + "?page=1&x=%D0%B2%D0%BE%D0%B4%D0%B0+a.b_c-d"],
)
def test_a_stored_page_is_sent_with_the_headers_and_bytes_django_answered(stack, address):
    stack.drop(TE, address)
    first = stack.get(TE, address)
    assert first.status == 200 and first.cache == "MISS"
    stored = stack.get(TE, address)
    assert stored.stored and stored.body == first.body
    assert page_headers(stored) == page_headers(first)
    assert page_headers(stored)["content-language"] == "uk"
    head = stack.request(TE, address, method="HEAD")
    assert head.stored and head.body == b""
    stack.drop(TE, address)  # the purge of its key drops its file
    assert stack.get(TE, address).cache == "MISS"


def test_the_store_answers_anonymous_gets_of_addresses_with_a_plain_query_or_none(stack):
    stack.warm(TE, PAGE)
    packed = stack.get(TE, PAGE)
    assert packed.stored and packed.headers["content-encoding"] == "gzip"
    plain = stack.get(TE, PAGE, headers=IDENTITY)  # unpacked for a client that takes no gzip
    assert plain.stored and "content-encoding" not in plain.headers
    assert plain.text == packed.text and "<h1" in plain.text
    # A query nginx does not look for (a `/`, a quote) goes to Django, and its
    # later answers come from proxy_cache: never a file named after it.
    for query in ("?x=/../../../../../../../../usr/share/nginx/html/index", "?x='a'"):
        assert stack.get(TE, PAGE + query).status == 200
        again = stack.get(TE, PAGE + query)
        assert again.cache == "HIT" and not again.stored and "<h1" in again.text
    stack.warm(TE, PAGE + "?page=1")
    assert stack.get(TE, PAGE + "?page=1").stored
    for address in (PAGE, PAGE + "?page=1"):  # never to a reader with a session
        assert not stack.get(TE, address, headers={"Cookie": "sessionid=x"}).stored
    assert not stack.get(TE, PAGE.rstrip("/")).stored
    # A form sent to the same address reaches Django (its CSRF check), not a 405 of nginx.
    for method in ("POST", "PUT"):
        sent = stack.request(
            TE,
            PAGE,
            method=method,
            body="a=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert sent.status == 403 and "csrf" in sent.text.lower(), method


def test_the_minute_command_sweeps_pages_past_their_lifetime(stack):
    stack.warm(TE, PAGE)
    assert stack.get(TE, PAGE).stored
    stack.shell(
        """
import os, time
from django.conf import settings
for folder, _dirs, files in os.walk(settings.FRONT_PAGE_STORE):
    for name in files:
        os.utime(os.path.join(folder, name), (time.time() - 3600,) * 2)
"""
    )
    stack.manage("send_front_cache_purges")
    assert not stack.get(TE, PAGE).stored
