import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages asserted outside a request are in English, whatever an earlier request
    left active in this thread."""
    with translation.override("en"):
        yield
