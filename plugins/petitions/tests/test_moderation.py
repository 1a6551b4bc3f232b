"""Moderation in the Wagtail admin: publishing copies the site's rules and starts the
collection in the site's time zone; a refusal carries a reason the author reads and is never
public; moderators act on the sites they moderate only."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone

from plugins.petitions import rights, services
from plugins.petitions.models import Petition, PetitionStatus

from .writing import host, index_of, make_citizen, make_moderator, petition_url, start

pytestmark = pytest.mark.django_db


def _staff_of(site_slug):
    """An editor with admin access who moderates the petitions of `site_slug` only."""
    from wagtail.models import Site

    group = Group.objects.create(name=f"Petition moderators {site_slug} {timezone.now()}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    rights.grant(group, Site.objects.get(site_name=site_slug))
    user = make_citizen(is_staff=True)
    user.groups.add(group)
    return user


def test_publishing_copies_the_profile_rules_and_ends_with_a_local_day(
    client, django_capture_on_commit_callbacks
):
    petition = start(index_of("ternopil"))
    client.force_login(make_moderator())
    queue = client.get("/admin/petitions/")
    assert queue.status_code == 200
    assert petition.title in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/petitions/{petition.pk}/act/", {"action": "publish"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.COLLECTING
    assert (petition.signatures_needed, petition.collection_days) == (1000, 60)
    assert (petition.answer_days, petition.residents_only) == (14, False)
    kyiv = zoneinfo.ZoneInfo("Europe/Kyiv")
    ends = petition.collection_ends_at.astimezone(kyiv)
    published = petition.published_at.astimezone(kyiv)
    assert (ends.hour, ends.minute) == (23, 59)
    assert ends.date() == published.date() + timedelta(days=60)
    assert [event.status for event in petition.events.all()] == ["pending", "collecting"]
    assert mail.outbox[-1].to == [petition.author.email]
    assert "збирає підписи" in mail.outbox[-1].body
    # now public: anyone can read it
    client.logout()
    assert client.get(petition_url(petition), headers=host()).status_code == 200


def test_rules_stay_when_the_profile_changes_under_a_running_petition(monkeypatch):
    from cms.core.profiles import all_profiles

    running = start(index_of("levski"))
    services.publish(running, None)
    levski = next(profile for profile in all_profiles() if profile.slug == "levski")
    monkeypatch.setitem(levski.tables, "petitions", {"signatures_needed": 2, "answer_days": 3})
    later = start(index_of("levski"))
    services.publish(later, None)
    running.refresh_from_db()
    later.refresh_from_db()
    assert (running.signatures_needed, running.answer_days) == (300, 30)
    assert (later.signatures_needed, later.answer_days) == (2, 3)
    for _ in range(2):
        services.sign(running.pk, make_citizen())
    running.refresh_from_db()
    assert running.status == PetitionStatus.COLLECTING


def test_a_refusal_gives_the_author_the_reason_and_stays_private(
    client, django_capture_on_commit_callbacks
):
    petition = start(index_of("ternopil"), title="Відхилена петиція")
    client.force_login(make_moderator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/petitions/{petition.pk}/act/",
            {"action": "refuse", "reason": "outside_powers", "note": "Це питання держави."},
        )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REFUSED
    assert petition.refusal_reason == "outside_powers"
    assert "Це питання держави." in mail.outbox[-1].body
    assert "повноважень" in mail.outbox[-1].body
    # the author reads the reason on the petition's page; nobody else sees the page
    client.force_login(petition.author)
    own = client.get(petition_url(petition), headers=host())
    assert own.status_code == 200
    assert "Це питання держави." in own.content.decode()
    client.logout()
    assert client.get(petition_url(petition), headers=host()).status_code == 404
    listing = client.get(index_of("ternopil").get_url_parts()[2], headers=host())
    assert "Відхилена петиція" not in listing.content.decode()


def test_a_refusal_needs_a_reason_from_the_list():
    petition = start(index_of("ternopil"))
    from django.test import Client

    client = Client()
    client.force_login(make_moderator())
    response = client.post(
        f"/admin/petitions/{petition.pk}/act/", {"action": "refuse", "reason": "boring"}
    )
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PENDING
    assert petition.events.count() == 1


def test_a_petition_is_moderated_once():
    petition = start(index_of("ternopil"))
    services.publish(petition, None)
    with pytest.raises(services.PetitionError):
        services.refuse(petition, None, "duplicate")
    with pytest.raises(services.PetitionError):
        services.publish(petition, None)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.COLLECTING
    assert [e.status for e in petition.events.all()] == ["pending", "collecting"]


def test_moderators_see_and_act_on_their_own_sites_only(client):
    ternopil = start(index_of("ternopil"), title="Тернопільська петиція")
    levski = start(index_of("levski"), title="Петиция от Левски")
    client.force_login(_staff_of("levski"))
    queue = client.get("/admin/petitions/").content.decode()
    assert "Петиция от Левски" in queue
    assert "Тернопільська петиція" not in queue
    # Wagtail's admin answers a PermissionDenied with a redirect to its dashboard
    refused = client.get(f"/admin/petitions/{ternopil.pk}/")
    assert refused.status_code in (302, 403)
    assert "Тернопільська петиція" not in refused.content.decode()
    response = client.post(f"/admin/petitions/{ternopil.pk}/act/", {"action": "publish"})
    assert response.status_code in (302, 403)
    assert Petition.objects.get(pk=ternopil.pk).status == PetitionStatus.PENDING
    client.post(f"/admin/petitions/{levski.pk}/act/", {"action": "publish"})
    assert Petition.objects.get(pk=levski.pk).status == PetitionStatus.COLLECTING


def test_citizens_and_editors_without_the_right_get_no_queue(client):
    client.force_login(make_citizen(is_staff=True))
    assert client.get("/admin/petitions/").status_code in (302, 403)


def test_the_answer_is_set_in_the_admin_with_an_archive_document(
    client, django_capture_on_commit_callbacks
):
    from wagtail.documents import get_document_model

    petition = start(index_of("ternopil"))
    services.publish(petition, None)
    Petition.objects.filter(pk=petition.pk).update(
        status=PetitionStatus.CONSIDERATION,
        consideration_at=timezone.now(),
        answer_due_at=timezone.now() + timedelta(days=14),
    )
    document = get_document_model().objects.first()
    client.force_login(make_moderator())
    page = client.get(f"/admin/petitions/{petition.pk}/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/petitions/{petition.pk}/act/",
            {"action": "answer", "answer": "Рада підтримала петицію.", "document": document.pk},
        )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED
    assert petition.answer_document == document
    assert petition.answered_at is not None
    assert "Рада підтримала петицію." in mail.outbox[-1].body


def test_publishing_in_three_time_zones_ends_with_each_sites_local_day():
    moment = datetime(2026, 3, 28, 22, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    expected = {
        "ternopil": ("Europe/Kyiv", datetime(2026, 5, 28).date()),  # 29 Mar local + 60 days
        "banska-bystrica": ("Europe/Bratislava", datetime(2026, 6, 26).date()),  # 28 Mar + 90
        "levski": ("Europe/Sofia", datetime(2026, 5, 28).date()),  # 29 Mar local + 60
    }
    for slug, (zone_name, last_day) in expected.items():
        petition = start(index_of(slug))
        services.publish(petition, None, now=moment)
        petition.refresh_from_db()
        local = petition.collection_ends_at.astimezone(zoneinfo.ZoneInfo(zone_name))
        assert (local.hour, local.minute) == (23, 59), slug
        assert local.date() == last_day, slug
