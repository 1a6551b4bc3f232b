"""`make backup` and `make restore`: a round trip through a real archive, by the scripts an
operator runs, on a copy of the demo (SQLite, or PostgreSQL under `make test-postgres`)."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SNAPSHOT = r"""
import hashlib, json
from django.apps import apps
from cms.core.profiles import PROFILE_DIR

def digest(rows):
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()

out = {}
for label in ["wagtailcore.Page", "wagtailcore.Revision", "archive.CouncilDocument",
              "consultations.Response", "consultations.Answer", "comments.Comment",
              "events.Registration", "auth.User"]:
    rows = list(apps.get_model(label).objects.order_by("pk").values())
    out[label] = {"count": len(rows), "digest": digest(rows)}
files = {}
for document in apps.get_model("archive.CouncilDocument").objects.order_by("pk"):
    try:
        with document.file.open("rb") as handle:
            files[document.file.name] = hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        files[document.file.name] = "missing"
out["document files"] = files
out["profiles"] = {p.name: p.read_text() for p in sorted(PROFILE_DIR.glob("*.toml"))}
print(json.dumps(out))
"""

REGISTER = r"""
from django.apps import apps
from django.utils import timezone
event = apps.get_model("events.EventPage").objects.live().first()
user = apps.get_model("auth.User").objects.order_by("pk").first()
apps.get_model("events.Registration").objects.create(
    event=event, user=user, occurrence_start=timezone.now(), status="registered")
"""

DAMAGE = r"""
from django.apps import apps
apps.get_model("comments.Comment").objects.all().delete()
apps.get_model("events.Registration").objects.all().delete()
apps.get_model("consultations.Response").objects.all().delete()
document = apps.get_model("archive.CouncilDocument").objects.order_by("pk").first()
document.file.storage.delete(document.file.name)
apps.get_model("wagtailcore.Page").objects.filter(depth__gt=3).update(title="broken")
"""


class Installation:
    """A copy of the test database and media, driven by the scripts in subprocesses."""

    def __init__(self, tmp_path, database_url, media=None):
        self.tmp = tmp_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media or tmp_path / "media"),
            "HROMADA_PROFILE_DIR": str(tmp_path / "site"),
            "BACKUP_DIR": str(tmp_path / "backups"),
        }
        (tmp_path / "site").mkdir(parents=True)
        for profile in (ROOT / "site").glob("*.toml"):
            shutil.copy(profile, tmp_path / "site" / profile.name)

    def run(self, *command, check=True):
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def shell(self, code):
        return self.run(str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", code)

    def snapshot(self):
        return json.loads(self.shell(SNAPSHOT).stdout.strip().splitlines()[-1])

    def backup(self):
        archive = Path(self.run("scripts/backup").stdout.strip().splitlines()[-1])
        assert archive.parent == self.tmp / "backups" and archive.name.endswith(".tar.gz")
        return archive

    def restore(self, archive):
        return self.run("scripts/restore", str(archive), "--yes")


@pytest.fixture
def installation(tmp_path, django_db_setup, django_db_blocker):
    """A copy of the demo: SQLite through the online backup API, PostgreSQL by restoring a
    first backup of the test database into a new database."""
    shutil.copytree(settings.MEDIA_ROOT, tmp_path / "media")
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        with django_db_blocker.unblock():
            connection.ensure_connection()
            # The test's own connection holds a write transaction: read it through itself.
            image = sqlite3.connect(":memory:")
            image.deserialize(connection.connection.serialize())
            copy = sqlite3.connect(tmp_path / "db.sqlite3")
            image.backup(copy)
            copy.close()
            image.close()
        yield Installation(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
        return
    server = {k: database[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if database.get(k)}
    credentials = f"{server.get('USER', '')}:{server.get('PASSWORD', '')}@".replace(":@", "@")
    location = f"{server.get('HOST', '')}:{server.get('PORT', 5432)}"
    name = f"hromada_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres", autocommit=True,
        **{k.lower(): v for k, v in server.items()},
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    source = Installation(
        tmp_path / "source",
        f"postgres://{credentials}{location}/{database['NAME']}",
        media=tmp_path / "media",
    )
    first = source.backup()
    copy = Installation(tmp_path, f"postgres://{credentials}{location}/{name}")
    copy.restore(first)
    try:
        yield copy
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_backup_and_restore_bring_back_pages_documents_and_citizens_submissions(installation):
    installation.shell(REGISTER)
    before = installation.snapshot()
    for label in ("wagtailcore.Page", "archive.CouncilDocument", "consultations.Response",
                  "comments.Comment", "events.Registration"):
        assert before[label]["count"] > 0, label
    assert len(before["document files"]) == before["archive.CouncilDocument"]["count"]
    assert "missing" not in before["document files"].values()

    archive = installation.backup()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    folder = names[0].split("/")[0]
    assert f"{folder}/manifest.json" in names
    assert any(n.startswith(f"{folder}/database.") for n in names)
    assert any(n.startswith(f"{folder}/media/") for n in names)
    assert f"{folder}/site/ternopil.toml" in names

    installation.shell(DAMAGE)
    levski = installation.tmp / "site" / "levski.toml"
    levski.write_text(levski.read_text() + "# changed after the backup\n")
    assert installation.snapshot() != before

    output = installation.restore(archive).stdout
    assert "Database restored" in output and "Media files restored" in output
    assert installation.snapshot() == before


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(installation):
    before = installation.snapshot()
    bogus = installation.tmp / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(ROOT / "site" / "ternopil.toml", arcname="x/ternopil.toml")
    result = installation.run("scripts/restore", str(bogus), "--yes", check=False)
    assert result.returncode != 0
    assert "not a Hromada backup" in result.stderr
    missing = installation.run("scripts/restore", "/nonexistent.tar.gz", "--yes", check=False)
    assert missing.returncode != 0 and "No backup at" in missing.stderr
    assert installation.snapshot() == before
