"""Shared page and collection passwords cannot be guessed at leisure."""

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

pytestmark = pytest.mark.django_db

HOST = "ternopil.localhost"
PASSWORD = "council-draft-2026"


@pytest.fixture
def restricted():
    page = Page.objects.live().filter(depth__gte=3).first()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, f"/uk/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def _try(url, password, forwarded=None, client=None):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"password": password, "return_url": "/uk/"}
    return (client or Client()).post(url, data, headers={"host": HOST}, **extra)


def _ukrainian_refusal():
    with translation.override("uk"):
        return translation.gettext("Too many wrong passwords")


def test_wrong_guesses_are_limited_and_the_right_password_still_works_before(settings, restricted):
    settings.SHARED_PASSWORD_ATTEMPTS_PER_CLIENT = 3
    _page, url = restricted
    assert [_try(url, f"guess-{n}").status_code for n in range(3)] == [200, 200, 200]
    refused = _try(url, PASSWORD)
    assert refused.status_code == 429
    assert _ukrainian_refusal() in refused.content.decode()
    assert _ukrainian_refusal() != "Too many wrong passwords"


def test_clients_behind_the_proxy_are_limited_separately(settings, restricted):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SHARED_PASSWORD_ATTEMPTS_PER_CLIENT = 3
    _page, url = restricted
    for n in range(3):
        _try(url, f"guess-{n}", forwarded="198.51.100.1")
    assert _try(url, PASSWORD, forwarded="198.51.100.1").status_code == 429
    assert _try(url, PASSWORD, forwarded="6.6.6.6, 198.51.100.1").status_code == 429
    let_in = _try(url, PASSWORD, forwarded="198.51.100.2")
    assert let_in.status_code == 302 and let_in["Location"] == "/uk/"


def test_a_forged_header_without_a_trusted_proxy_changes_nothing(settings, restricted):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.SHARED_PASSWORD_ATTEMPTS_PER_CLIENT = 3
    _page, url = restricted
    for n in range(3):
        _try(url, f"guess-{n}", forwarded=f"198.51.100.{n}")
    assert _try(url, PASSWORD, forwarded="198.51.100.200").status_code == 429


def test_guesses_from_many_clients_close_the_page_for_a_while(settings, restricted):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SHARED_PASSWORD_ATTEMPTS_PER_RESTRICTION = 4
    _page, url = restricted
    for n in range(4):
        assert _try(url, "guess", forwarded=f"198.51.100.{n}").status_code == 200
    assert _try(url, PASSWORD, forwarded="198.51.100.99").status_code == 429


def test_a_collection_password_is_limited_too(settings):
    settings.SHARED_PASSWORD_ATTEMPTS_PER_CLIENT = 2
    collection = Collection.get_first_root_node().add_child(name="Council drafts")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    assert [_try(url, "guess").status_code for _ in range(2)] == [200, 200]
    assert _try(url, PASSWORD).status_code == 429
