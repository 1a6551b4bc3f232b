"""Security and caching headers: a strict Content-Security-Policy on the public site, the
admin's own policy, Permissions-Policy, and `private, no-store` on anything personal."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
    }


@pytest.mark.parametrize(
    "path", ["/uk/", "/uk/vidkryte-vriaduvannia/", "/uk/accounts/login/", "/uk/no-such-page/"]
)
def test_public_pages_send_a_strict_content_security_policy(path):
    response = Client().get(path, headers=HOST)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_public_pages_send_the_other_security_headers():
    response = Client().get("/uk/", headers=HOST)
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_has_its_own_policy():
    response = Client().get("/admin/login/", headers=HOST)
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "Permissions-Policy" in response


def test_anonymous_content_pages_stay_shared_cacheable():
    response = Client().get("/uk/vidkryte-vriaduvannia/", headers=HOST)
    assert "s-maxage=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.fixture
def signed_in():
    user = get_user_model().objects.create_user("reader", "reader@example.org", "Pass-1-word")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path", ["/uk/", "/uk/vidkryte-vriaduvannia/", "/uk/search/?q=бюджет", "/uk/accounts/"]
)
def test_signed_in_responses_are_never_shared(signed_in, path):
    response = signed_in.get(path, headers=HOST)
    assert response.status_code == 200
    cache_control = [d.strip() for d in response["Cache-Control"].split(",")]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control
    assert not any(d.startswith("s-maxage") for d in cache_control)


def test_a_response_that_sets_a_cookie_is_private():
    """The log-in form sets the CSRF cookie: a shared cache must never keep it."""
    response = Client().get("/uk/accounts/login/", headers=HOST)
    assert "csrftoken" in response.cookies
    cache_control = [d.strip() for d in response["Cache-Control"].split(",")]
    assert "private" in cache_control and "no-store" in cache_control
    assert not any(d.startswith("s-maxage") for d in cache_control)


def test_session_cookie_never_travels_with_a_public_cache_header(signed_in):
    """A signed-in reader's session is saved on every request: every such answer is private,
    also the search page, which chooses its own shared-cache lifetime."""
    for path in ("/uk/", "/uk/search/?q=бюджет"):
        response = signed_in.get(path, headers=HOST)
        assert "sessionid" in response.cookies, path
        assert "public" not in response["Cache-Control"], path
        assert "s-maxage" not in response["Cache-Control"], path
