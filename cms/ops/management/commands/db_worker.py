"""django-tasks-db's `db_worker`, made to survive its own death: a task that a worker had
claimed when it was killed (SIGKILL, out of memory, power loss) stays "RUNNING" for ever in
the library and never runs. Here each worker names itself after its host and process id,
and a worker starting up puts back in the queue every task still marked as running by a
worker of the same host whose process is gone. Such a task runs again from the start (a
mail may then be sent twice, never not at all). A task of a worker on another host that
disappears for good stays "running" (counted in the admin's task-queue panel)."""

import logging
import os
import socket

from django.db import transaction
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("cms.ops.tasks")

RUNNING, READY = "RUNNING", "READY"


def host_name():
    return socket.gethostname()[:40] or "host"


def default_worker_id():
    # host:pid:random (the random part keeps two workers that reuse a pid apart)
    return f"{host_name()}:{os.getpid()}:{get_random_string(8)}"


def _process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _dead_here(worker_id, host):
    """Whether `worker_id` names a worker of this host whose process has ended."""
    parts = str(worker_id).split(":")
    if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
        return False
    return not _process_alive(int(parts[1]))


def requeue(results, why):
    """Put `results` (running tasks whose worker is gone) back in the queue."""
    ids = [result.pk for result in results]
    if not ids:
        return 0
    with transaction.atomic():
        count = DBTaskResult.objects.filter(pk__in=ids, status=RUNNING).update(
            status=READY, started_at=None
        )
    if count:
        logger.warning("%d interrupted task(s) put back in the queue (%s)", count, why)
    return count


def requeue_dead_here(own_id=None):
    """Requeue the tasks of this host's workers that died while running them."""
    host = host_name()
    dead = [
        result
        for result in DBTaskResult.objects.running().only("pk", "worker_ids")
        if result.worker_ids
        and result.worker_ids[-1] != own_id
        and _dead_here(result.worker_ids[-1], host)
    ]
    return requeue(dead, "their worker on this host had stopped")


class Command(db_worker.Command):
    help = (
        "Run the database task worker; tasks left running by a killed worker of this host "
        "are queued again at start-up."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id())

    def handle(self, *args, **options):
        requeue_dead_here(own_id=options.get("worker_id"))
        return super().handle(*args, **options)
