"""Real concurrency on PostgreSQL: parallel connections (threads) signing at once."""

import threading

import pytest
from django.db import connection

from plugins.petitions import services
from plugins.petitions.models import (
    Petition,
    PetitionIndexPage,
    PetitionStatus,
    Signature,
    SignatureDay,
)

from .writing import make_citizen

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(jobs):
    """Run each job in its own thread and database connection, all starting together."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=60)
            job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def _minimal_index():
    """For transactional tests (the demo is flushed for them): locales, a home page and a
    petitions index, created when missing."""
    import uuid

    from wagtail.models import Locale, Page

    from cms.home.models import HomePage

    for code in ("en", "uk"):
        Locale.objects.get_or_create(language_code=code)
    uk = Locale.objects.get(language_code="uk")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=uk))
    home = HomePage.objects.filter(locale=uk).first()
    if home is None:
        home = HomePage(title="Тернопіль", slug=f"home-{uuid.uuid4().hex[:6]}", locale=uk)
        root.add_child(instance=home)
    index = PetitionIndexPage.objects.child_of(home).first()
    if index is None:
        index = PetitionIndexPage(title="Петиції", slug="petytsii", locale=uk)
        home.add_child(instance=index)
    return index


def _collecting(needed):
    index = _minimal_index()
    petition = services.start_petition(
        index, make_citizen(), title="Паралельна", text="Текст", request="Прохання", topic=None
    )
    services.publish(petition, None)
    Petition.objects.filter(pk=petition.pk).update(signatures_needed=needed)
    return petition


def test_200_parallel_signatures_of_200_citizens_count_200():
    petition = _collecting(needed=1000)
    citizens = [make_citizen() for _ in range(200)]
    errors = _in_parallel([lambda c=c: services.sign(petition.pk, c) for c in citizens])
    assert errors == []
    petition.refresh_from_db()
    assert petition.signature_count == 200
    assert Signature.objects.filter(petition=petition).count() == 200
    assert (
        sum(SignatureDay.objects.filter(petition=petition).values_list("count", flat=True)) == 200
    )


def test_20_parallel_signatures_of_one_citizen_count_once():
    petition = _collecting(needed=1000)
    citizen = make_citizen()
    errors = _in_parallel([lambda: services.sign(petition.pk, citizen) for _ in range(20)])
    assert len(errors) == 19
    assert all(isinstance(error, services.AlreadySigned) for error in errors)
    petition.refresh_from_db()
    assert petition.signature_count == 1
    assert Signature.objects.filter(petition=petition).count() == 1


def test_the_threshold_reached_in_a_crowd_changes_the_status_once():
    petition = _collecting(needed=50)
    citizens = [make_citizen() for _ in range(80)]
    errors = _in_parallel([lambda c=c: services.sign(petition.pk, c) for c in citizens])
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    assert petition.signature_count == 50
    assert Signature.objects.filter(petition=petition).count() == 50
    assert len(errors) == 30
    assert petition.events.filter(status=PetitionStatus.CONSIDERATION).count() == 1
