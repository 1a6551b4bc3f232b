"""The django-tasks-db queue as an operator sees it: backlog, age, recent failures."""

from datetime import timedelta

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

READY, RUNNING, FAILED = "READY", "RUNNING", "FAILED"


def waited(since, now=None):
    """Whole seconds from `since` to `now` (never negative)."""
    return max(0, int(((now or timezone.now()) - since) / timedelta(seconds=1)))


def queue_summary(now=None):
    now = now or timezone.now()
    due = DBTaskResult.objects.filter(status=READY)
    # A task enqueued without a delay has run_after = the far future ("whenever").
    oldest_undelayed = due.filter(run_after=get_date_max()).aggregate(t=Min("enqueued_at"))["t"]
    oldest_delayed = due.filter(run_after__lte=now).aggregate(t=Min("run_after"))["t"]
    oldest = min([t for t in (oldest_undelayed, oldest_delayed) if t], default=None)
    counts = {
        row["status"]: row["n"]
        for row in DBTaskResult.objects.order_by().values("status").annotate(n=Count("id"))
    }
    return {
        "waiting": DBTaskResult.objects.ready().count(),
        "scheduled": due.exclude(run_after=get_date_max()).filter(run_after__gt=now).count(),
        "running": counts.get(RUNNING, 0),
        "failed": counts.get(FAILED, 0),
        "failed_last_day": DBTaskResult.objects.filter(
            status=FAILED, finished_at__gte=now - timedelta(days=1)
        ).count(),
        "oldest_waiting_seconds": waited(oldest, now) if oldest else 0,
    }


def waiting_by_task():
    return list(
        DBTaskResult.objects.ready()
        .order_by()
        .values("task_path")
        .annotate(n=Count("id"))
        .order_by("-n", "task_path")[:20]
    )


def recent_failures(limit=20):
    return DBTaskResult.objects.filter(status=FAILED).order_by("-finished_at")[:limit]
