"""The lifecycle: the last signature moves a petition to consideration exactly once, with
the answer's deadline at the end of a local day in the site's time zone; collections that
end without the threshold fail; the answer closes it; every change tells the author and the
signers who asked, by mail in the petition's language."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from plugins.petitions import services
from plugins.petitions.models import Petition, PetitionStatus

from .writing import index_of, make_citizen, published

pytestmark = pytest.mark.django_db


def _events(petition):
    return list(petition.events.values_list("status", flat=True))


def test_the_signature_that_reaches_the_threshold_starts_consideration_once(
    django_capture_on_commit_callbacks,
):
    petition = published(needed=3)
    watcher = make_citizen()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign(petition.pk, watcher, notify=True)
        services.sign(petition.pk, make_citizen())
        petition.refresh_from_db()
        assert petition.status == PetitionStatus.COLLECTING
        mail.outbox.clear()
        services.sign(petition.pk, make_citizen())
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    assert petition.signature_count == 3
    assert petition.consideration_at is not None
    assert _events(petition).count("consideration") == 1
    # the author and the signer who asked are told; the one who did not ask is not
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [petition.author.email, watcher.email]
    )
    assert all("розглянути" in m.body or "відповісти" in m.body for m in mail.outbox)
    # signing stops: nothing more is counted, no second change
    with pytest.raises(services.PetitionError):
        services.sign(petition.pk, make_citizen())
    petition.refresh_from_db()
    assert petition.signature_count == 3
    assert _events(petition).count("consideration") == 1


@pytest.mark.parametrize(
    ("slug", "zone", "answer_days"),
    [
        ("ternopil", "Europe/Kyiv", 14),
        ("banska-bystrica", "Europe/Bratislava", 42),
        ("levski", "Europe/Sofia", 30),
    ],
)
def test_the_answer_deadline_ends_a_local_day_in_the_sites_time_zone(slug, zone, answer_days):
    # 22:30 UTC on 25 October 2026: already the 26th in Kyiv and Sofia, still the 25th in
    # Bratislava (and summer time ends that night)
    moment = datetime(2026, 10, 25, 22, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    petition = published(index_of(slug), needed=1, now=moment - timedelta(days=1))
    services.sign(petition.pk, make_citizen(), now=moment)
    petition.refresh_from_db()
    local = zoneinfo.ZoneInfo(zone)
    signed_day = moment.astimezone(local).date()
    due = petition.answer_due_at.astimezone(local)
    assert (due.hour, due.minute) == (23, 59)
    assert due.date() == signed_day + timedelta(days=answer_days)
    # overdue only once that local day has ended
    assert not Petition.objects.overdue(now=petition.answer_due_at - timedelta(seconds=1)).filter(
        pk=petition.pk
    )
    assert Petition.objects.overdue(now=petition.answer_due_at + timedelta(seconds=1)).filter(
        pk=petition.pk
    )


def test_overdue_is_computed_and_ends_with_the_answer():
    petition = published(needed=1)
    services.sign(petition.pk, make_citizen())
    Petition.objects.filter(pk=petition.pk).update(
        answer_due_at=timezone.now() - timedelta(hours=1)
    )
    petition.refresh_from_db()
    assert petition.is_overdue
    services.answer(petition, None, "Відповідь ради.")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED
    assert not petition.is_overdue
    with pytest.raises(services.PetitionError):
        services.answer(petition, None, "Друга відповідь.")


def test_the_scheduler_closes_ended_collections_and_tells_those_who_asked(
    django_capture_on_commit_callbacks,
):
    ended = published(index_of("levski"), needed=100)
    running = published(index_of("levski"), needed=100)
    watcher, quiet = make_citizen(), make_citizen()
    services.sign(ended.pk, watcher, notify=True)
    services.sign(ended.pk, quiet, notify=False)
    Petition.objects.filter(pk=ended.pk).update(
        collection_ends_at=timezone.now() - timedelta(minutes=5)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_petitions", verbosity=0)
        call_command("close_petitions", verbosity=0)  # a second run changes nothing
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.status == PetitionStatus.FAILED
    assert ended.signature_count == 2
    assert running.status == PetitionStatus.COLLECTING
    assert _events(ended).count("failed") == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ended.author.email, watcher.email])
    # in the petition's language (Bulgarian), from the municipality
    assert "Община Левски" in mail.outbox[0].from_email or "Община Левски" in mail.outbox[0].body
    assert "подписи" in mail.outbox[0].body


def test_a_signer_whose_account_is_gone_counts_but_gets_no_mail(
    django_capture_on_commit_callbacks,
):
    petition = published(needed=2)
    leaving = make_citizen()
    services.sign(petition.pk, leaving, notify=True)
    leaving.delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign(petition.pk, make_citizen())
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    assert [m.to[0] for m in mail.outbox] == [petition.author.email]
