"""The counters behind every limit."""

import socket

import pytest

from cms.core.throttle import Throttle


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
