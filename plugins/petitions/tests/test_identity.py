"""The petition's identity rule and "residents only", enforced at signing and at starting:
a citizen without the level on the petition's site is told what is missing, with a link to
the section of their account page that explains how to get it, and nothing is stored."""

import pytest
from django.utils import translation

from cms.accounts import verification
from cms.core import citizens
from cms.core.profiles import all_profiles
from plugins.petitions import services
from plugins.petitions.models import Petition, Signature

from .writing import host, index_of, make_citizen, published, sign_url, start_url, topic_of

pytestmark = pytest.mark.django_db


def _site(slug):
    from wagtail.models import Site

    return Site.objects.get(site_name=slug)


def _uk(text):
    with translation.override("en"):
        source = str(text)
    with translation.override("uk"):
        translated = translation.gettext(source)
    assert translated != source, f"not translated: {source}"
    return translated


def _rules(monkeypatch, slug, **rules):
    profile = next(profile for profile in all_profiles() if profile.slug == slug)
    monkeypatch.setitem(profile.tables, "petitions", {**profile.table("petitions"), **rules})


def _resident(slug="ternopil", *levels):
    citizen = make_citizen()
    for level in levels or (citizens.RESIDENT,):
        verification.grant(citizen, _site(slug), level, "staff")
    return citizen


def test_publishing_copies_the_identity_rule_and_residents_only(monkeypatch):
    _rules(monkeypatch, "ternopil", residents_only=True, identity="identity")
    petition = published(needed=100, author=_resident("ternopil", *citizens.GRANTED))
    assert (petition.residents_only, petition.identity) == (True, "identity")
    assert services.signing_levels(petition) == ("verified", "resident", "identity")
    # the profile changing later does not change a running petition's rule
    _rules(monkeypatch, "ternopil", residents_only=False, identity="verified")
    petition.refresh_from_db()
    assert services.signing_levels(petition) == ("verified", "resident", "identity")


def test_residents_only_refuses_a_non_resident_and_says_how_to_become_one(client, monkeypatch):
    _rules(monkeypatch, "ternopil", residents_only=True)
    petition = published(needed=100, author=_resident())
    outsider = make_citizen()
    client.force_login(outsider)
    form = client.get(sign_url(petition), headers=host())
    assert form.status_code == 403
    html = form.content.decode()
    assert _uk("resident of the municipality") in html
    assert 'href="/uk/accounts/#verification"' in html
    assert 'name="show_name"' not in html
    refused = client.post(sign_url(petition), {"show_name": "1"}, headers=host())
    assert refused.status_code == 403
    assert _uk("Nothing was saved.") in refused.content.decode()
    petition.refresh_from_db()
    assert petition.signature_count == 0
    assert not Signature.objects.filter(petition=petition).exists()


def test_a_resident_of_another_municipality_is_not_a_resident_here(client, monkeypatch):
    _rules(monkeypatch, "ternopil", residents_only=True)
    petition = published(needed=100, author=_resident())
    client.force_login(_resident("levski"))
    assert client.post(sign_url(petition), {}, headers=host()).status_code == 403
    assert not Signature.objects.filter(petition=petition).exists()


def test_a_resident_signs_and_is_counted(client, monkeypatch):
    _rules(monkeypatch, "ternopil", residents_only=True)
    petition = published(needed=100, author=_resident())
    client.force_login(_resident("ternopil"))
    assert client.get(sign_url(petition), headers=host()).status_code == 200
    response = client.post(sign_url(petition), {}, headers=host())
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.signature_count == 1


def test_the_identity_rule_needs_a_checked_person(monkeypatch):
    _rules(monkeypatch, "ternopil", identity="identity")
    petition = published(needed=100)
    resident = _resident("ternopil")  # resident, identity not checked
    with pytest.raises(services.IdentityRequired) as refused:
        services.sign(petition.pk, resident)
    assert refused.value.missing == ("identity",)
    checked = _resident("ternopil", citizens.IDENTITY)
    services.sign(petition.pk, checked)
    petition.refresh_from_db()
    assert petition.signature_count == 1


def test_a_revoked_residency_no_longer_signs(monkeypatch):
    _rules(monkeypatch, "ternopil", residents_only=True)
    petition = published(needed=100, author=_resident())
    citizen = make_citizen()
    grant = verification.grant(citizen, _site("ternopil"), citizens.RESIDENT, "staff")
    verification.revoke(grant, note="moved away")
    with pytest.raises(services.IdentityRequired):
        services.sign(petition.pk, citizen)
    assert not Signature.objects.filter(petition=petition).exists()


def test_starting_follows_the_sites_rule_and_keeps_nothing(client, monkeypatch):
    _rules(monkeypatch, "ternopil", start_identity="resident")
    index = index_of()
    client.force_login(make_citizen())
    assert client.get(start_url(index), headers=host()).status_code == 403
    data = {
        "title": "Нова петиція",
        "text": "Чому це важливо.",
        "request": "Зробіть це.",
        "topic": topic_of(index).pk,
    }
    before = Petition.objects.count()
    refused = client.post(start_url(index), data, headers=host())
    assert refused.status_code == 403
    assert _uk("resident of the municipality") in refused.content.decode()
    assert Petition.objects.count() == before
    client.force_login(_resident("ternopil"))
    assert client.post(start_url(index), data, headers=host()).status_code == 302
    assert Petition.objects.count() == before + 1


def test_an_unknown_identity_rule_needs_the_strongest_level():
    assert citizens.required("typo") == ("verified", "identity")
    assert citizens.required("verified", residents_only=True) == ("verified", "resident")
