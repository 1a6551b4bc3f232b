import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files the tests upload go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Requests activate their page's language; code outside a request starts in English."""
    with translation.override("en"):
        yield
