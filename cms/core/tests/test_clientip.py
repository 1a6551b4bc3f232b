"""The client's address behind the proxy, and that every limit counts by it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from cms.core.clientip import client_ip, client_network

ROOT = Path(settings.BASE_DIR)


def _request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "198.51.100.1", "198.51.100.1"),
        # the client wrote its own header; nginx appended the real address
        (1, "10.9.9.9, 198.51.100.1", "198.51.100.1"),
        (1, "1.1.1.1,2.2.2.2,  198.51.100.1 ", "198.51.100.1"),
        (2, "10.9.9.9, 198.51.100.1, 192.0.2.7", "198.51.100.1"),
        (1, "198.51.100.1:51234", "198.51.100.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_the_nth_address_from_the_right_is_the_client(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(remote="127.0.0.1", forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    "forwarded", ["", "   ", "unknown", "198.51.100.1, not-an-address", "300.1.1.1", "a,b,"]
)
def test_a_malformed_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(remote="127.0.0.1", forwarded=forwarded)) == "127.0.0.1"


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(remote="192.0.2.7", forwarded="198.51.100.1")) == "192.0.2.7"


def test_ipv6_clients_are_counted_by_their_64_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = client_network(_request(forwarded="2001:db8:1:2::aaaa"))
    other = client_network(_request(forwarded="2001:db8:1:2:ffff::1"))
    assert one == other == "2001:db8:1:2::/64"
    assert client_network(_request(forwarded="2001:db8:1:3::1")) != one
    assert client_network(_request(forwarded="::ffff:198.51.100.1")) == "198.51.100.1"
    assert client_network(_request(forwarded="198.51.100.1")) == "198.51.100.1"


SCANNED = ("cms", "plugins", "themes")
HELPER = ROOT / "cms" / "core" / "clientip.py"


def _sources():
    for top in SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"} or "tests" in path.parts:
                continue
            yield path


def test_only_the_helper_reads_the_client_address_from_the_request():
    """Any other module reading REMOTE_ADDR or X-Forwarded-For would count every visitor
    behind the proxy as one (or trust a forged header)."""
    pattern = re.compile(r"REMOTE_ADDR|X_FORWARDED_FOR|[\"']X-Forwarded-For[\"']", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources()
        if path != HELPER and pattern.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert offenders == []
    assert pattern.search(HELPER.read_text())


# The admin login lockout, behind one trusted proxy.


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "proxy-editor", "proxy-editor@example.org", "s3cret-Pass!", is_staff=True
    )


def _admin_login(client, password, **extra):
    data = {"username": "proxy-editor", "password": password}
    return client.post("/admin/login/", data, REMOTE_ADDR="127.0.0.1", **extra)


def _fail_from(address, times):
    client = Client()
    for _ in range(times):
        response = client.post(
            "/admin/login/",
            {"username": f"someone-{address}", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )
        assert response.status_code == 200


@pytest.mark.django_db
def test_admin_lockout_counts_each_client_behind_the_proxy(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ADMIN_LOGIN_ATTEMPTS = 3
    _fail_from("198.51.100.1", 3)
    blocked = _admin_login(Client(), "s3cret-Pass!", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert blocked.status_code == 429
    # a colleague behind the same proxy signs in as usual
    response = _admin_login(Client(), "s3cret-Pass!", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_lockout_is_not_escaped_with_a_forged_header(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ADMIN_LOGIN_ATTEMPTS = 3
    _fail_from("198.51.100.1", 3)
    response = _admin_login(Client(), "s3cret-Pass!", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_allauth_limits_count_the_client_behind_the_proxy(settings):
    """allauth's own limits (here citizen log-in attempts) use the same address."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    host = {"headers": {"host": "ternopil.localhost"}}

    def attempt(address):
        return Client().post(
            "/uk/accounts/login/",
            {"login": f"{address}@example.org", "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
            **host,
        )

    assert [attempt("198.51.100.1").status_code for _ in range(3)][-1] == 429
    assert attempt("198.51.100.2").status_code == 200
