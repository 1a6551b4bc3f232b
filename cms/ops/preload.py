"""What every gunicorn worker would otherwise load on its first requests, loaded once by the
master before it forks (site/deploy/gunicorn.conf.py's `when_ready`), so that a new or
replaced worker answers its first requests at once and the workers share one copy. Nothing
here opens a connection: the database and Redis are reached from each worker."""

from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.template import TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation

from cms.search.lemmas import load_dictionaries

ROOT = Path(settings.BASE_DIR)


def project_templates():
    """(engine, name) of every template of the theme, the core and the plugins (those of
    installed libraries are compiled when they are first used)."""
    for engine in engines.all():
        dirs = [*engine.dirs, *(get_app_template_dirs("templates") if engine.app_dirs else ())]
        for folder in map(Path, dirs):
            if folder.is_relative_to(ROOT) and ".venv" not in folder.parts:
                for path in sorted(folder.rglob("*.html")):
                    yield engine, str(path.relative_to(folder))


def load_before_fork():
    """The URL configuration with the views it imports, its addresses in each language with
    that language's translation catalogs, the cache backends' code, the project's compiled
    templates and the search's lemma dictionaries (about 200 MiB, cms.search.lemmas)."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            get_resolver().reverse_dict  # noqa: B018  (imports and compiles the addresses)
    for alias in settings.CACHES:
        caches[alias]  # noqa: B018  (the backend's code; it connects on first use)
    for engine, name in project_templates():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:  # e.g. a theme's page of a plugin turned off: never used
            continue
    load_dictionaries()
