"""Signing: POST with a CSRF token, a verified citizen, once per petition; refused with a
clear message and nothing stored after the period, on a petition that is not public, on an
id that is not this site's."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from plugins.petitions import services
from plugins.petitions.models import Petition, PetitionStatus, Signature, SignatureDay

from .writing import host, index_of, make_citizen, petition_url, published, sign_url, start

pytestmark = pytest.mark.django_db


def _state(petition):
    petition.refresh_from_db()
    days = sum(SignatureDay.objects.filter(petition=petition).values_list("count", flat=True))
    return petition.signature_count, Signature.objects.filter(petition=petition).count(), days


def test_a_citizen_signs_once_and_the_count_shows_at_once(client):
    petition = published(needed=100)
    citizen = make_citizen(first_name="Оксана", last_name="Петренко")
    client.force_login(citizen)
    form = client.get(sign_url(petition), headers=host())
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    response = client.post(
        sign_url(petition), {"show_name": "1", "notify": "1"}, headers=host(), follow=True
    )
    assert response.redirect_chain[0][0].startswith(petition_url(petition))
    assert "Дякуємо" in response.content.decode()
    assert _state(petition) == (1, 1, 1)
    signature = Signature.objects.get(petition=petition)
    assert (signature.user, signature.show_name, signature.notify) == (citizen, True, True)
    local_day = timezone.localtime(signature.created_at, services.site_zone(petition.index))
    assert SignatureDay.objects.get(petition=petition).day == local_day.date()

    again = client.post(sign_url(petition), {"notify": "1"}, headers=host())
    assert again.status_code == 409
    assert "Ви вже підписали цю петицію" in again.content.decode()
    assert _state(petition) == (1, 1, 1)
    assert Signature.objects.get(petition=petition).show_name is True


def test_signing_needs_the_csrf_token():
    petition = published(needed=100)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_citizen())
    response = client.post(sign_url(petition), {}, headers=host())
    assert response.status_code == 403
    assert _state(petition) == (0, 0, 0)


def test_anonymous_and_unverified_visitors_cannot_sign(client):
    petition = published(needed=100)
    response = client.get(sign_url(petition), headers=host())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(sign_url(petition), {}, headers=host()).status_code == 403
    client.force_login(make_citizen(verified=False))
    refused = client.post(sign_url(petition), {}, headers=host())
    assert refused.status_code == 403
    assert _state(petition) == (0, 0, 0)


def test_signing_after_the_period_is_refused_and_stores_nothing(client):
    petition = published(needed=100)
    Petition.objects.filter(pk=petition.pk).update(
        collection_ends_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(make_citizen())
    response = client.post(sign_url(petition), {}, headers=host())
    assert response.status_code == 403
    assert "не збирає підписи" in response.content.decode()
    assert _state(petition) == (0, 0, 0)
    with pytest.raises(services.PetitionError):
        services.sign(petition.pk, make_citizen())
    assert _state(petition) == (0, 0, 0)


def test_the_signing_address_after_the_period_says_so_and_offers_no_form(client):
    petition = published(needed=100)
    Petition.objects.filter(pk=petition.pk).update(
        collection_ends_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(make_citizen())
    response = client.get(sign_url(petition), headers=host())
    assert response.status_code == 200
    html = response.content.decode()
    assert "не збирає підписи" in html
    assert 'name="show_name"' not in html
    assert "no-cache" in response["Cache-Control"]
    assert _state(petition) == (0, 0, 0)


@pytest.mark.parametrize("status", ["pending", "refused"])
def test_a_petition_that_is_not_public_cannot_be_signed(client, status):
    petition = start()
    if status == "refused":
        services.refuse(petition, None, "offensive")
    client.force_login(make_citizen())
    assert client.post(sign_url(petition), {}, headers=host()).status_code == 404
    client.force_login(petition.author)  # not even by its author
    assert client.post(sign_url(petition), {}, headers=host()).status_code == 404
    with pytest.raises(services.PetitionError):
        services.sign(petition.pk, make_citizen())
    assert _state(petition) == (0, 0, 0)


def test_failed_and_answered_petitions_take_no_signatures(client):
    petition = published(needed=100)
    Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.FAILED)
    client.force_login(make_citizen())
    assert client.post(sign_url(petition), {}, headers=host()).status_code == 403
    assert _state(petition) == (0, 0, 0)


def test_a_tampered_or_foreign_id_is_not_found(client):
    ternopil = published(needed=100)
    levski = published(index_of("levski"), needed=100)
    client.force_login(make_citizen())
    # a petition of another site under this site's index
    assert client.post(sign_url(levski, ternopil.index), {}, headers=host()).status_code == 404
    # an id that does not exist, and one that is not a number
    base = sign_url(ternopil).replace(f"/{ternopil.pk}/", "/")
    assert client.post(base.replace("sign/", "999999/sign/"), {}, headers=host()).status_code == 404
    assert client.post(base.replace("sign/", "1x/sign/"), {}, headers=host()).status_code == 404
    assert _state(ternopil) == (0, 0, 0)
    assert _state(levski) == (0, 0, 0)


def test_signing_under_the_english_index_counts_for_the_same_petition(client):
    petition = published(needed=100)
    english = index_of("ternopil", "en")
    client.force_login(make_citizen())
    response = client.post(sign_url(petition, english), {}, headers=host())
    assert response.status_code == 302
    assert response["Location"].startswith(petition_url(petition, english))
    assert _state(petition) == (1, 1, 1)


def test_the_petition_page_links_to_the_signing_form_while_collecting(client):
    petition = published(needed=100)
    page = client.get(petition_url(petition), headers=host()).content.decode()
    assert sign_url(petition) in page
    assert "csrfmiddlewaretoken" not in page  # the cached page carries no token


def test_a_restricted_index_hides_its_petitions_from_signing_under_other_languages(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import PageViewRestriction

    from .writing import path_of

    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    petition = published(needed=100, files=[upload])
    english = index_of("ternopil", "en")
    attachment = petition.attachments.get()
    attachment_url = f"{path_of(english)}{petition.pk}/attachments/{attachment.pk}/"
    client.force_login(make_citizen())
    assert client.get(sign_url(petition, english), headers=host()).status_code == 200
    assert client.get(attachment_url, headers=host()).status_code == 200

    PageViewRestriction.objects.create(page=petition.index, restriction_type="login")
    assert client.get(sign_url(petition, english), headers=host()).status_code == 404
    assert client.post(sign_url(petition, english), {}, headers=host()).status_code == 404
    assert client.get(attachment_url, headers=host()).status_code == 404
    assert _state(petition) == (0, 0, 0)
    petition.index.unpublish()
    PageViewRestriction.objects.all().delete()
    assert client.post(sign_url(petition, english), {}, headers=host()).status_code == 404
    assert _state(petition) == (0, 0, 0)
