"""Shared fixtures: the demo municipalities are loaded once into the test database."""

import io

import pytest
from django.conf import settings
from django.core.cache import caches
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


@pytest.fixture(autouse=True)
def _forget_local_copies():
    """With Redis, each process keeps its own copy of the page frame's parts (the "local"
    cache, cms.core.chrome): every test starts without them, as tests that empty the shared
    cache expect, and a copy kept under a token that a rolled-back test wrote never
    outlives it."""
    if "local" in settings.CACHES:
        caches["local"].clear()


@pytest.fixture
def get(client):
    """GET a path on one municipality's host: get("ternopil", "/uk/")."""

    def _get(site_slug, path, **extra):
        return client.get(path, headers={"host": PROFILES[site_slug].hostname}, **extra)

    return _get


#: Fixtures of tests that empty every table when they end (Django's TransactionTestCase).
FLUSHING_FIXTURES = {"transactional_db", "live_server"}


def _flushes_db(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        FLUSHING_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Tests that empty the database when they end are marked `flushes_db`; they run after
    the others (see `ModuleOrder`). Tests marked `postgres` run only when DATABASE_URL points
    at PostgreSQL; tests marked `sqlite_only` (heavy, and what they check does not depend on
    the database) only on SQLite."""
    for item in items:
        if _flushes_db(item):
            item.add_marker(pytest.mark.flushes_db)

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if not on_postgres:
        skip = pytest.mark.skip(reason="needs PostgreSQL (make test-postgres)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
    else:
        skip = pytest.mark.skip(reason="heavy and database-independent: run on SQLite only")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


class ModuleOrder:
    """The demo is loaded once per test database, so a test that empties the database must
    be the last its process runs. Under pytest-xdist (`--dist loadfile
    --no-loadscope-reorder`) each worker has its own database and takes whole modules in
    the order collected: modules with such tests are put at the end, so a worker that takes
    one takes only those after it. A module that mixes them with tests needing the demo is
    refused: split it. Within each group, modules marked `slow` come first, then the
    largest (a long module started last would keep one worker busy alone)."""

    @pytest.hookimpl(trylast=True)  # after pytest-django's own ordering
    def pytest_collection_modifyitems(self, items):
        modules = {}
        for item in items:
            modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
        flushing, others = [], []
        for path, module in modules.items():
            flushes = [item.get_closest_marker("flushes_db") is not None for item in module]
            if any(flushes) and not all(flushes):
                raise pytest.UsageError(
                    f"{path} mixes tests that empty the database with tests that do not: "
                    "move the ones marked flushes_db into a module of their own"
                )
            (flushing if any(flushes) else others).append(module)

        def first(module):
            return (module[0].get_closest_marker("slow") is None, -len(module))

        items[:] = [
            item
            for module in sorted(others, key=first) + sorted(flushing, key=first)
            for item in module
        ]


def pytest_configure(config):
    config.pluginmanager.register(ModuleOrder(), "hromada-module-order")
