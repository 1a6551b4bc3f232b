import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The mail limits' counters must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()
