"""The deployment checks: migrations in step with models, production settings clean."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ternopil.example,banskabystrica.example,levski.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "ALLOWED_HOSTS": "ternopil.example",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


WHEN_READY = """
import json, runpy, sys
import django
django.setup()
conf = runpy.run_path("site/deploy/gunicorn.conf.py")
conf["when_ready"](None)
from django.conf import settings
from django.template.loaders.filesystem import Loader
from django.urls import get_resolver
from django.utils.translation import trans_real
from simplemma.strategies.dictionaries import dictionary_factory

from cms.ops.preload import project_templates

def no_disk(*args):
    raise AssertionError(f"{args[-1]}: read from disk after the master's start")

dictionary_factory._load_dictionary_from_disk = no_disk
Loader.get_contents = no_disk
from cms.search.lemmas import lemma
words = {"uk": "містах", "sk": "mestách", "bg": "градове", "en": "cities"}
print([lemma(word, language) for language, word in words.items()])
templates = [engine.get_template(name) for engine, name in project_templates()]
print(json.dumps({
    "templates": len(templates),
    "languages": sorted(code for code, _ in settings.LANGUAGES),
    "addresses": sorted(get_resolver()._reverse_dict),
    "catalogs": sorted(trans_real._translations),
}))
"""


def test_gunicorns_master_loads_what_every_worker_needs_before_it_forks():
    """What a worker would load on its first requests is loaded by the master in
    `when_ready`: afterwards no lemma dictionary (about 200 MiB, 0.1-0.6 s each) and no
    template of the project is read from disk, and the addresses and translation catalogs
    of every language are ready."""
    result = subprocess.run(
        [sys.executable, "-c", WHEN_READY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert loaded["templates"] > 100
    assert set(loaded["languages"]) <= set(loaded["addresses"])
    assert set(loaded["languages"]) <= set(loaded["catalogs"])
