"""Anonymous readers' queries go to the read replica; writes and signed-in users' queries
to the primary (cms.ops.replica)."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from cms.ops.replica import REPLICA, ReplicaMiddleware, ReplicaRouter

WITH_REPLICA = {**settings.DATABASES, REPLICA: {**settings.DATABASES["default"]}}


def _read_database_during(request):
    seen = {}

    def view(request):
        seen["db"] = ReplicaRouter().db_for_read(Page)
        return None

    ReplicaMiddleware(view)(request)
    return seen["db"]


@override_settings(DATABASES=WITH_REPLICA)
@pytest.mark.parametrize("method", ["get", "head"])
def test_an_anonymous_readers_reads_go_to_the_replica(method):
    request = getattr(RequestFactory(), method)("/uk/")
    assert _read_database_during(request) == REPLICA
    assert ReplicaRouter().db_for_read(Page) is None  # only during that request


@override_settings(DATABASES=WITH_REPLICA)
def test_forms_sent_and_signed_in_readers_read_the_primary():
    factory = RequestFactory()
    assert _read_database_during(factory.post("/uk/", {"q": "x"})) is None
    signed_in = factory.get("/uk/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert _read_database_during(signed_in) is None


def test_without_a_replica_everything_reads_the_primary():
    assert REPLICA not in settings.DATABASES
    assert _read_database_during(RequestFactory().get("/uk/")) is None


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(Page) is None
    assert router.allow_migrate(REPLICA, "wagtailcore") is False
    assert router.allow_migrate("default", "wagtailcore") is True
