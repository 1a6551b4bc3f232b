"""Shared fixtures: the demo municipalities are loaded once into the test database."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from cms.core.profiles import all_profiles

PROFILES = {profile.slug: profile for profile in all_profiles()}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _language_reset():
    """Every test starts in the default language, whichever language a request, a view
    called directly or a rendered page left active in the thread before it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def get(client):
    """GET a path on one municipality's host: get("ternopil", "/uk/")."""

    def _get(site_slug, path, **extra):
        return client.get(path, headers={"host": PROFILES[site_slug].hostname}, **extra)

    return _get


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when DATABASE_URL points at PostgreSQL."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (make test-postgres)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
