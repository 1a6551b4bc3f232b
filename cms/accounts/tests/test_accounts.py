"""Citizen accounts: sign-up with email verification, account pages, "my data"."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from cms.core import userdata

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}
PASSWORD = "Kashtan-Ternopil-2026"


def make_user(verified=True, email="oksana@example.org"):
    user = get_user_model().objects.create_user("oksana", email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def signup(client, email="new@example.org"):
    return client.post(
        "/uk/accounts/signup/",
        {
            "email": email,
            "display_name": "Оксана",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        headers=HOST,
    )


def test_sign_up_sends_a_translated_verification_email_and_creates_no_staff():
    client = Client()
    response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.org")
    assert not user.is_staff and not user.is_superuser
    assert user.citizen_profile.display_name == "Оксана"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Тернопільська міська рада" in message.subject
    assert "Підтвердіть" in message.subject or "Будь ласка" in message.body
    assert not EmailAddress.objects.get(user=user).verified


def test_verification_link_confirms_the_address():
    client = Client()
    signup(client)
    link = re.search(r"http://[^\s]+/uk/accounts/confirm-email/[^\s]+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("/", 3)[3]
    assert client.get(path, headers=HOST).status_code == 200
    response = client.post(path, headers=HOST)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified


def test_unverified_citizen_cannot_sign_in_before_confirming():
    make_user(verified=False)
    response = Client().post(
        "/uk/accounts/login/", {"login": "oksana@example.org", "password": PASSWORD}, headers=HOST
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]


@pytest.mark.parametrize(
    "path", ["/uk/accounts/login/", "/uk/accounts/signup/", "/uk/accounts/password/reset/"]
)
def test_account_pages_are_never_cached_and_translated(path):
    response = Client().get(path, headers=HOST)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert 'class="site-header' in html


def test_account_page_shows_the_citizen_and_is_private():
    client = Client()
    client.force_login(make_user())
    response = client.get("/uk/accounts/", headers=HOST)
    assert response.status_code == 200
    assert "oksana@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_anonymous_pages_link_to_the_account_without_touching_the_session():
    response = Client().get("/uk/", headers=HOST)
    assert 'href="/uk/accounts/"' in response.content.decode()
    assert not response.cookies
    assert "s-maxage" in response["Cache-Control"]


def test_citizen_cannot_open_the_admin():
    client = Client()
    client.force_login(make_user())
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_my_data_download_is_json_with_the_account():
    user = make_user()
    client = Client()
    client.force_login(user)
    response = client.get("/uk/accounts/my-data/download/", headers=HOST)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["emails"][0]["email"] == "oksana@example.org"
    assert {source.label for source in userdata.sources()} <= set(data)


def test_deleting_needs_the_password():
    user = make_user()
    client = Client()
    client.force_login(user)
    response = client.post("/uk/accounts/delete/", {"password": "wrong"}, headers=HOST)
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=user.pk).exists()
