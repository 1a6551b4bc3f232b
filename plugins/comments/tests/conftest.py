import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached counts must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_site(client):
    """GET or POST on a municipality's host: on_site("post", "ternopil", path, data)."""
    from plugins.comments.tests.factories import HOSTS

    def _call(method, slug, path, data=None, use_client=None, **extra):
        target = use_client or client
        return getattr(target, method)(path, data or {}, headers={"host": HOSTS[slug]}, **extra)

    return _call
