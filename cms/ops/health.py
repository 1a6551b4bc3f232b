"""What `/healthz` checks: the database, the cache, the task queue's oldest waiting task,
and free disk space. Answers say which part fails, never a path, host or error text."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "unhealthy"
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def check_cache():
    """Writes and reads back a value: the Redis cache ignores its errors (a page renders
    without it), so only a read-back tells that it is gone."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}
    return {"ok": ok} if ok else {"ok": False, "error": "NoReadBack"}


def uses_database_queue():
    return "django_tasks_db" in settings.TASKS["default"]["BACKEND"]


def check_tasks():
    """The age of the oldest task that is due and not yet taken by a worker: a stopped
    `db_worker` makes it grow (purges, search indexing and mail wait)."""
    if not uses_database_queue():
        return {"ok": True, "queue": "immediate"}
    from cms.ops.taskqueue import queue_summary

    try:
        summary = queue_summary()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}
    limit = settings.HEALTH_TASK_MAX_AGE_SECONDS
    return {
        "ok": summary["oldest_waiting_seconds"] <= limit,
        "oldest_waiting_seconds": summary["oldest_waiting_seconds"],
        "waiting": summary["waiting"],
        "failed_last_day": summary["failed_last_day"],
    }


def _existing(path):
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk():
    """Free space where media (and a SQLite database) are written."""
    paths = {_existing(settings.MEDIA_ROOT)}
    name = str(settings.DATABASES["default"].get("NAME") or "")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and name.startswith("/"):
        paths.add(_existing(Path(name).parent))
    free_mb = min(shutil.disk_usage(path).free for path in paths) // (1024 * 1024)
    return {"ok": free_mb >= settings.HEALTH_DISK_MIN_FREE_MB, "free_mb": free_mb}


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "tasks": check_tasks,
    "disk": check_disk,
}


def run_checks():
    """{"status": "ok" | "failing", "failing": [names], "checks": {name: result}}."""
    results = {}
    for name, check in CHECKS.items():
        if name == "tasks" and not results["database"]["ok"]:
            results[name] = {"ok": False, "error": "DatabaseUnavailable"}
            continue
        results[name] = check()
    failing = [name for name, result in results.items() if not result["ok"]]
    return {
        "status": "failing" if failing else "ok",
        "failing": failing,
        "checks": results,
        "time": timezone.now().replace(microsecond=0).isoformat(),
    }
