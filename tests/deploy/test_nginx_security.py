"""The shipped nginx configuration in front of the application (issue 13): private files
are not on a public path, rate limits count the real client, signed-in pages are never
kept by the cache."""

import re
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"


def test_private_document_files_are_not_served_from_media(stack):
    output = stack.shell(
        """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
Document = get_document_model()
doc = Document(title="Таємний протокол", is_public=False)
doc.file.save("secret-protocol.txt", ContentFile(b"not for the public"), save=False)
doc.save()
print("NAME", doc.file.name)
print("IMAGE", get_image_model().objects.order_by("pk").first().file.name)
"""
    )
    name = output.split("NAME ")[1].split()[0]
    image = output.split("IMAGE ")[1].split()[0]
    assert name.startswith("documents/")
    # The same media folder is served where it is public: an image is there.
    assert stack.get(TE, "/media/" + image).status == 200
    answer = stack.get(TE, "/media/" + name)
    assert answer.status == 404
    assert "not for the public" not in answer.text


def _login_form(stack, source):
    answer = stack.get(TE, "/admin/login/", source=source)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", answer.headers["set-cookie"]).group(1)
    return token, cookie


def _wrong_password(stack, source, username, forged=None):
    token, cookie = _login_form(stack, source)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    if forged:
        headers["X-Forwarded-For"] = forged
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "wrong"})
    return stack.request(
        TE, "/admin/login/", method="POST", headers=headers, body=body, source=source
    ).status


def test_admin_sign_in_limits_count_each_client_behind_the_proxy(stack):
    # ADMIN_LOGIN_ATTEMPTS is 2 in this stack; every try names another user.
    first, second = "127.0.0.2", "127.0.0.3"
    assert _wrong_password(stack, first, "a1") == 200
    assert _wrong_password(stack, first, "a2") == 200
    assert _wrong_password(stack, first, "a3") == 429
    # A forged X-Forwarded-For does not make the same client someone else.
    assert _wrong_password(stack, first, "a4", forged="203.0.113.9") == 429
    # Another client behind the same nginx is not locked out.
    assert _wrong_password(stack, second, "b1") == 200


def test_signed_in_pages_are_never_kept_by_the_cache(stack):
    stack.shell(
        """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("deploy-editor", "e@example.org", "pass-Word-42")
"""
    )
    source = "127.0.0.4"
    token, cookie = _login_form(stack, source)
    signed_in = stack.request(
        TE,
        "/admin/login/",
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
        body=urlencode(
            {"csrfmiddlewaretoken": token, "username": "deploy-editor", "password": "pass-Word-42"}
        ),
        source=source,
    )
    assert signed_in.status == 302
    session = re.search(r"sessionid=([^;]+)", signed_in.headers["set-cookie"]).group(1)

    path = "/uk/konsultatsii/"
    stack.drop(TE, path)  # kept for readers by an earlier test, perhaps
    for _ in range(2):
        answer = stack.get(TE, path, headers={"Cookie": f"sessionid={session}"})
        assert answer.status == 200
        assert answer.cache in ("BYPASS", "")
    # What the editor was served was not stored for anyone: the first anonymous reader
    # is answered by Django, the second from the cache.
    assert stack.get(TE, path).cache == "MISS"
    assert stack.get(TE, path).cache == "HIT"
