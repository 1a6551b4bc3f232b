import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Notices are cached per site; a rolled-back test must not leave its notice behind."""
    cache.clear()
    yield
    cache.clear()
