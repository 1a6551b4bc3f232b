"""The "delete my account" password check cannot be guessed at leisure."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from .test_accounts import HOST, PASSWORD, make_user

pytestmark = pytest.mark.django_db
REFUSAL = "The password was entered wrongly too many times. Please try again later."


def _delete(client, password, forwarded=None):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/uk/accounts/delete/", {"password": password}, headers=HOST, **extra)


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_wrong_passwords_lock_the_deletion_for_a_while(settings):
    settings.ACCOUNT_DELETE_PASSWORD_ATTEMPTS = 3
    user = make_user()
    client = _signed_in(user)
    assert [_delete(client, f"guess-{n}").status_code for n in range(3)] == [400, 400, 400]
    refused = _delete(client, PASSWORD)
    assert refused.status_code == 429
    with translation.override("uk"):
        message = translation.gettext(REFUSAL)
    assert message != REFUSAL and message in refused.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()
    # another address does not reopen it: the account itself is limited
    settings.TRUSTED_PROXY_COUNT = 1
    assert _delete(client, PASSWORD, forwarded="198.51.100.7").status_code == 429
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_clients_behind_the_proxy_are_limited_separately(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_DELETE_PASSWORD_ATTEMPTS = 2
    guesser = _signed_in(make_user())
    for n in range(2):
        _delete(guesser, f"guess-{n}", forwarded="198.51.100.1")
    other = get_user_model().objects.create_user("taras", "taras@example.org", PASSWORD)
    client = _signed_in(other)
    assert _delete(client, PASSWORD, forwarded="198.51.100.1").status_code == 429
    assert _delete(client, PASSWORD, forwarded="198.51.100.2").status_code == 302
    assert not get_user_model().objects.filter(pk=other.pk).exists()


def test_a_forged_header_without_a_trusted_proxy_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_DELETE_PASSWORD_ATTEMPTS = 2
    guesser = _signed_in(make_user())
    for n in range(2):
        _delete(guesser, f"guess-{n}", forwarded=f"198.51.100.{n}")
    other = get_user_model().objects.create_user("taras", "taras@example.org", PASSWORD)
    assert _delete(_signed_in(other), PASSWORD, forwarded="198.51.100.9").status_code == 429
