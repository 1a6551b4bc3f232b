import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def shared_cache(settings, tmp_path):
    """A cache every process shares (files here, Redis in production), where the notices
    are kept; emptied so a rolled-back test leaves no notice behind."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    cache.clear()
    yield
    cache.clear()
