"""Anonymous readers' queries go to the read replica; writes, signed-in users' queries and a
browser that has just sent a form to the primary (cms.ops.replica). A real streaming replica
(reads, read-your-writes, the replica stopped) is in tests/deploy/test_read_replica.py."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from cms.ops import replica
from cms.ops.replica import PIN_COOKIE, REPLICA, ReplicaMiddleware, ReplicaRouter

WITH_REPLICA = {**settings.DATABASES, REPLICA: {**settings.DATABASES["default"]}}


@pytest.fixture
def reachable(monkeypatch):
    """The replica alias of WITH_REPLICA has no connection of its own in this process."""
    monkeypatch.setattr(replica, "replica_reachable", lambda: True)


def _served(request, during=None):
    seen = {}

    def view(request):
        if during:
            during()
        seen["db"] = ReplicaRouter().db_for_read(Page)
        return HttpResponse()

    response = ReplicaMiddleware(view)(request)
    return seen["db"], response


@override_settings(DATABASES=WITH_REPLICA)
@pytest.mark.parametrize("method", ["get", "head"])
def test_an_anonymous_readers_reads_go_to_the_replica(method, reachable):
    db, response = _served(getattr(RequestFactory(), method)("/uk/"))
    assert db == REPLICA
    assert PIN_COOKIE not in response.cookies  # a cacheable page sets no cookie
    assert ReplicaRouter().db_for_read(Page) is None  # only during that request


@override_settings(DATABASES=WITH_REPLICA)
def test_forms_sent_and_signed_in_readers_read_the_primary(reachable):
    factory = RequestFactory()
    assert _served(factory.post("/uk/", {"q": "x"}))[0] is None
    signed_in = factory.get("/uk/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert _served(signed_in)[0] is None


@override_settings(DATABASES=WITH_REPLICA)
def test_a_request_that_wrote_reads_the_rest_from_the_primary(reachable):
    request = RequestFactory().get("/uk/consultations/confirm/x/")
    db, _response = _served(request, during=lambda: ReplicaRouter().db_for_write(Page))
    assert db is None


@override_settings(DATABASES=WITH_REPLICA, REPLICA_PIN_SECONDS=10)
def test_a_browser_that_sent_a_form_reads_from_the_primary_for_a_while(reachable):
    _db, response = _served(RequestFactory().post("/uk/consultations/1/respond/"))
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == 10 and pin["httponly"]
    next_page = RequestFactory().get("/uk/consultations/receipt/x/")
    next_page.COOKIES[PIN_COOKIE] = pin.value
    assert _served(next_page)[0] is None


def test_without_a_replica_everything_reads_the_primary():
    assert REPLICA not in settings.DATABASES
    db, response = _served(RequestFactory().post("/uk/"))
    assert db is None and PIN_COOKIE not in response.cookies


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(Page) is None
    assert router.allow_migrate(REPLICA, "wagtailcore") is False
    assert router.allow_migrate("default", "wagtailcore") is True
