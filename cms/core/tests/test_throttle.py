"""The counters behind every limit."""

import socket
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cms.core.throttle import ContributionLimits, Throttle, too_many_links


def test_events_are_counted_per_subject_up_to_the_limit():
    throttle = Throttle("test-events", 2, 60)
    assert [throttle.consume("a") for _ in range(3)] == [True, True, False]
    assert throttle.exceeded("a")
    assert not throttle.exceeded("b")
    throttle.reset("a")
    assert not throttle.exceeded("a")


def test_a_callable_limit_follows_the_settings(settings):
    throttle = Throttle("test-settings", lambda: settings.TEST_THROTTLE_LIMIT, 60)
    settings.TEST_THROTTLE_LIMIT = 1
    throttle.hit("a")
    assert throttle.exceeded("a")
    settings.TEST_THROTTLE_LIMIT = 5
    assert not throttle.exceeded("a")


def _limits():
    return ContributionLimits(
        citizen=Throttle("test-citizen", 3, 60),
        client=Throttle("test-client", 5, 60),
        new_account=Throttle("test-new", 1, 60),
        new_account_hours=lambda: 24,
    )


def _citizen(pk, joined_hours_ago):
    return SimpleNamespace(pk=pk, date_joined=timezone.now() - timedelta(hours=joined_hours_ago))


def test_a_new_account_reaches_its_own_limit_first():
    limits, newcomer, regular = _limits(), _citizen(1, 2), _citizen(2, 48)
    limits.record(newcomer, "10.0.0.1")
    assert limits.exceeded(newcomer, "10.0.0.1") == {"new_account"}
    limits.record(regular, "10.0.0.2")
    assert limits.exceeded(regular, "10.0.0.2") == set()


def test_limits_count_per_citizen_and_per_connection():
    limits = _limits()
    citizen = _citizen(3, 48)
    for _ in range(3):
        limits.record(citizen, "10.0.0.3")
    assert limits.exceeded(citizen, "10.0.0.4") == {"citizen"}
    for pk in range(10, 12):
        limits.record(_citizen(pk, 48), "10.0.0.3")
    assert limits.exceeded(_citizen(20, 48), "10.0.0.3") == {"client"}


def test_checking_counts_nothing():
    limits, citizen = _limits(), _citizen(4, 48)
    for _ in range(5):
        assert limits.exceeded(citizen, "10.0.0.5") == set()


def test_links_are_counted_over_all_texts():
    texts = ("see https://a.example and www.b.example", "and http://c.example/x", None)
    assert too_many_links(2, *texts) == 3
    assert too_many_links(3, *texts) == 0


@pytest.fixture
def unreachable_redis(settings):
    """A Redis cache on a local port where nothing listens, its errors ignored (as in
    production settings)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }


def test_an_unreachable_redis_refuses_nothing(unreachable_redis):
    throttle = Throttle("test-outage", 1, 60)
    assert [throttle.consume("a") for _ in range(3)] == [True, True, True]
    assert not throttle.exceeded("a")
