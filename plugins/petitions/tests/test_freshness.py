"""What a status change or a signature made by a conditional UPDATE (no save signal) still
refreshes: the front cache of the petition's page and list, and its search entry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.frontcache import tracking
from cms.frontcache.models import PendingPurge
from cms.frontcache.records import record
from cms.search.models import SearchEntry
from plugins.petitions import services
from plugins.petitions.models import Petition

from .writing import host, index_of, make_citizen, path_of, petition_url, published, start

pytestmark = pytest.mark.django_db


def _tags_of(client, url):
    token = tracking.start()
    try:
        assert client.get(url, headers=host()).status_code == 200
    finally:
        tags = tracking.stop(token)
    return tags


def test_a_signature_purges_the_petition_page_and_the_lists_once_committed(
    client, settings, django_capture_on_commit_callbacks
):
    petition = published(needed=100)
    english = index_of("ternopil", "en")
    page_key = "ternopil.localhost" + petition_url(petition)
    list_key = "ternopil.localhost" + path_of(english)
    record(page_key, _tags_of(client, petition_url(petition)), 300)
    record(list_key, _tags_of(client, path_of(english)), 300)
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.sign(petition.pk, make_citizen())
    assert not PendingPurge.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert set(PendingPurge.objects.values_list("key", flat=True)) == {page_key, list_key}


def _entry(petition):
    return SearchEntry.objects.filter(object_id=petition.pk, kind="petitions").first()


def test_every_status_change_reaches_the_search_entry(django_capture_on_commit_callbacks):
    petition = start(title="Сквер на Замковій")
    assert _entry(petition) is None
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(petition, None)
    assert _entry(petition).title == "Сквер на Замковій"

    Petition.objects.filter(pk=petition.pk).update(signatures_needed=1)
    with django_capture_on_commit_callbacks(execute=True):
        petition = services.sign(petition.pk, make_citizen()).petition
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(petition, None, "Рада виділила кошти на сквер.")
    assert "Рада виділила кошти" in _entry(petition).text

    refused = start(title="Не для пошуку")
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse(refused, None, "offensive")
    assert _entry(refused) is None


def test_a_petition_that_fails_or_reaches_consideration_keeps_a_current_entry(
    django_capture_on_commit_callbacks,
):
    failing = published(needed=100, title="Збір завершився")
    reaching = published(needed=1, title="Поріг досягнуто")
    SearchEntry.objects.filter(object_id__in=[failing.pk, reaching.pk]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign(reaching.pk, make_citizen())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_expired(timezone.now() + timedelta(days=400)) >= 1
    assert Petition.objects.get(pk=failing.pk).status == "failed"
    assert Petition.objects.get(pk=reaching.pk).status == "consideration"
    assert _entry(failing).title == "Збір завершився"
    assert _entry(reaching).title == "Поріг досягнуто"
