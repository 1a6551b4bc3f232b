"""A task that a killed task worker was running is queued again by the next worker of the
host; a task of a worker that is still alive is left to it."""

import os
import subprocess
import sys

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max

from cms.ops.management.commands.db_worker import default_worker_id, host_name, requeue_dead_here

pytestmark = pytest.mark.django_db


def running(worker_id):
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cms.ops.mail.deliver_mail",
        backend_name="default",
        run_after=get_date_max(),
        worker_ids=[worker_id],
    )


def test_tasks_of_a_dead_worker_of_this_host_are_queued_again():
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = running(f"{host_name()}:{gone.stdout.strip()}:abcdefgh")
    alive = running(default_worker_id())  # this process: still running its task
    elsewhere = running("other-host:1:abcdefgh")
    assert str(os.getpid()) in alive.worker_ids[0]

    assert requeue_dead_here() == 1

    assert DBTaskResult.objects.get(pk=dead.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=alive.pk).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=elsewhere.pk).status == "RUNNING"
