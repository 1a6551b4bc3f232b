"""Limits like the comments': petitions a day per citizen (fewer for new accounts) and per
connection, a cap on links, no second petition with the same text; signatures an hour per
connection. A refused submission stores nothing and comes back filled in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.petitions.models import Petition, Signature

from .writing import host, index_of, make_citizen, published, sign_url, start_url, topic_of

pytestmark = pytest.mark.django_db


def _form(index, **overrides):
    return {
        "title": "Петиція",
        "text": "Текст петиції.",
        "request": "Прохання.",
        "topic": str(topic_of(index).pk),
        **overrides,
    }


def _old_citizen():
    return make_citizen(date_joined=timezone.now() - timedelta(days=30))


def test_a_citizen_starts_a_limited_number_of_petitions_a_day(client, settings):
    settings.PETITIONS_STARTS_PER_DAY = 2
    index = index_of()
    citizen = _old_citizen()
    client.force_login(citizen)
    for number in range(2):
        response = client.post(
            start_url(index), _form(index, text=f"Текст {number}"), headers=host()
        )
        assert response.status_code == 302
    refused = client.post(start_url(index), _form(index, text="Третій текст"), headers=host())
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "не більше 2 петиції на день" in page or "не більше 2 петицій на день" in page
    assert "Третій текст" in page
    assert Petition.objects.filter(author=citizen).count() == 2


def test_a_new_account_starts_one_petition_a_day(client):
    index = index_of()
    citizen = make_citizen()  # joined just now
    client.force_login(citizen)
    assert (
        client.post(start_url(index), _form(index, text="Перший"), headers=host()).status_code
        == 302
    )
    refused = client.post(start_url(index), _form(index, text="Другий"), headers=host())
    assert refused.status_code == 429
    assert Petition.objects.filter(author=citizen).count() == 1


def test_one_connection_starts_a_limited_number_of_petitions(client, settings):
    settings.PETITIONS_STARTS_PER_CLIENT = 2
    index = index_of()
    for number in range(2):
        client.force_login(_old_citizen())
        client.post(start_url(index), _form(index, text=f"Інший {number}"), headers=host())
    client.force_login(_old_citizen())
    refused = client.post(start_url(index), _form(index, text="З того ж з'єднання"), headers=host())
    assert refused.status_code == 429
    assert not Petition.objects.filter(text="З того ж з'єднання").exists()


def test_too_many_links_are_refused(client, settings):
    settings.PETITIONS_MAX_LINKS = 2
    index = index_of()
    client.force_login(_old_citizen())
    spam = "Дивіться https://a.example https://b.example www.c.example"
    response = client.post(start_url(index), _form(index, text=spam), headers=host())
    assert response.status_code == 400
    assert "не більше 2 посилань" in response.content.decode()
    assert not Petition.objects.filter(text=spam).exists()


def test_the_same_text_twice_is_refused(client):
    index = index_of()
    citizen = _old_citizen()
    client.force_login(citizen)
    text = "Один і той самий текст петиції."
    assert client.post(start_url(index), _form(index, text=text), headers=host()).status_code == 302
    again = client.post(
        start_url(index), _form(index, title="Інша назва", text=text), headers=host()
    )
    assert again.status_code == 400
    assert "Ви вже розпочали петицію з таким текстом" in again.content.decode()
    assert Petition.objects.filter(author=citizen).count() == 1


def test_one_connection_signs_a_limited_number_of_times_an_hour(client, settings):
    settings.PETITIONS_SIGNATURES_PER_CLIENT = 2
    petition = published(needed=100)
    for _ in range(2):
        client.force_login(make_citizen())
        assert client.post(sign_url(petition), {}, headers=host()).status_code == 302
    client.force_login(make_citizen())
    refused = client.post(sign_url(petition), {}, headers=host())
    assert refused.status_code == 429
    petition.refresh_from_db()
    assert petition.signature_count == 2
    assert Signature.objects.filter(petition=petition).count() == 2
