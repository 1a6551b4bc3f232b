"""One timestamped archive with everything that makes an installation: the database (a
native dump: SQLite's online backup, PostgreSQL's pg_dump), the media files and the site
profiles; and the way back from it."""

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from cms.core.profiles import PROFILE_DIR

FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def database_kind(database=None):
    engine = (database or settings.DATABASES["default"])["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise CommandError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def postgres_tool(name):
    """The newest server's client (pg_dump must not be older than the server)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_version)
    tool = str(found[-1]) if found else shutil.which(name)
    if not tool:
        raise CommandError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return tool


def _version(path):
    try:
        return int(path.parts[-3])
    except ValueError:
        return 0


def _postgres_args(database):
    args = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _run(command, env=None):
    # PostgreSQL's own tools, an argument list (no shell), values from DATABASE_URL.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # nosec B603
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")


def dump_database(target_dir):
    database = settings.DATABASES["default"]
    kind = database_kind(database)
    target = Path(target_dir) / DUMP_NAMES[kind]
    if kind == "sqlite":
        source = sqlite3.connect(str(database["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)  # consistent while the site keeps writing
        finally:
            copy.close()
            source.close()
    else:
        args, env = _postgres_args(database)
        _run(
            [postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(target), *args],
            env,
        )
    return kind


def media_on_disk():
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def applied_migrations():
    latest = {}
    try:
        rows = list(MigrationRecorder.Migration.objects.values_list("app", "name"))
    except DatabaseError as error:
        raise CommandError(
            "The database has no tables yet (run manage.py migrate): nothing to back up."
        ) from error
    for app, name in rows:
        latest[app] = max(latest.get(app, ""), name)
    return latest


def create_backup(output_dir):
    """Writes `hromada-backup-<UTC time>.tar.gz` into output_dir and returns its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    name = f"hromada-backup-{timezone.now():%Y%m%d-%H%M%S}"
    with tempfile.TemporaryDirectory(prefix="hromada-backup.") as tmp:
        staging = Path(tmp) / name
        staging.mkdir()
        migrations = applied_migrations()
        kind = dump_database(staging)
        media = media_on_disk()
        if media and Path(settings.MEDIA_ROOT).is_dir():
            shutil.copytree(settings.MEDIA_ROOT, staging / "media", symlinks=False)
        else:
            (staging / "media").mkdir()
        (staging / "site").mkdir()
        for profile in sorted(PROFILE_DIR.glob("*.toml")):
            shutil.copy2(profile, staging / "site" / profile.name)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": kind,
            "media": "included" if media else "object storage: back up the bucket itself",
            "migrations": migrations,
            "django": django.__version__,
            "wagtail": wagtail.__version__,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = output_dir / f".{name}.tar.gz.partial"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(staging, arcname=name)
        partial.chmod(0o600)
        archive_path = output_dir / f"{name}.tar.gz"
        partial.rename(archive_path)
    return archive_path


def read_backup(archive_path, into):
    """Unpacks the archive into `into` (only plain files and folders) and returns its
    folder and manifest."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise CommandError(f"No backup at {archive_path}.")
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"{archive_path} is not a readable backup: {error}") from error
    folders = [p for p in Path(into).iterdir() if p.is_dir()]
    manifest_path = folders[0] / "manifest.json" if len(folders) == 1 else None
    if manifest_path is None or not manifest_path.is_file():
        raise CommandError(f"{archive_path} is not a Hromada backup (no manifest.json).")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
    return folders[0], manifest


def restore_database(folder, manifest):
    database = settings.DATABASES["default"]
    kind = database_kind(database)
    if manifest["database"] != kind:
        raise CommandError(
            f"This backup holds a {manifest['database']} database and this installation uses "
            f"{kind}: restore it into a {manifest['database']} installation, then move the "
            "data across with dumpdata/loaddata."
        )
    dump = folder / DUMP_NAMES[kind]
    for connection in connections.all():
        connection.close()
    if kind == "sqlite":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(str(dump))
        live = sqlite3.connect(str(database["NAME"]), timeout=30)
        try:
            source.backup(live)
        finally:
            live.close()
            source.close()
    else:
        args, env = _postgres_args(database)
        _run(
            [postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--single-transaction", "--exit-on-error", *args, str(dump)],
            env,
        )


def restore_media(folder):
    """Swaps the media folder for the backup's; the old one is removed only afterwards."""
    if not media_on_disk():
        return False
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = media_root.with_name(f".{media_root.name}.restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(folder / "media", incoming)
    previous = media_root.with_name(f".{media_root.name}.before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if media_root.exists():
        media_root.rename(previous)
    incoming.rename(media_root)
    shutil.rmtree(previous, ignore_errors=True)
    return True


def restore_profiles(folder):
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    restored = []
    for profile in sorted((folder / "site").glob("*.toml")):
        shutil.copy2(profile, PROFILE_DIR / profile.name)
        restored.append(profile.name)
    return restored
