"""/healthz for load balancers, request ids in logs and headers, the task queue report."""

import io
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from cms.ops.logging import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[3]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def healthz(client, **headers):
    response = client.get("/healthz", headers=headers)
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_asking_by_address_over_plain_http(client):
    with override_settings(ALLOWED_HOSTS=["ternopil.example"], SECURE_SSL_REDIRECT=True):
        response, report = healthz(client, host="10.1.2.3:8001")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert report["status"] == "ok" and report["failing"] == []
    assert set(report["checks"]) == {"database", "cache", "tasks", "disk"}
    assert "set-cookie" not in {h.lower() for h in response.headers}


@pytest.mark.django_db
def test_healthz_names_a_task_queue_that_nobody_works_off(client):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cms.search.tasks.extract_document_text",
        backend_name="default",
        run_after=get_date_max(),
    )
    with override_settings(TASKS=DATABASE_QUEUE, HEALTH_TASK_MAX_AGE_SECONDS=600):
        response, report = healthz(client)
        assert response.status_code == 200
        assert report["checks"]["tasks"]["waiting"] == 1
        DBTaskResult.objects.filter(pk=task.pk).update(
            enqueued_at=timezone.now() - timedelta(minutes=30)
        )
        response, report = healthz(client)
    assert response.status_code == 503
    assert report["failing"] == ["tasks"]
    assert report["checks"]["tasks"]["oldest_waiting_seconds"] >= 30 * 60


@pytest.mark.django_db
def test_healthz_names_a_full_disk(client):
    with override_settings(HEALTH_DISK_MIN_FREE_MB=10**12):
        response, report = healthz(client)
    assert response.status_code == 503
    assert report["failing"] == ["disk"]


@pytest.mark.django_db
def test_every_answer_has_a_request_id_that_its_log_lines_carry(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/en/no-such-page-here/", headers={"host": "ternopil.localhost"})
        kept = client.get("/healthz", headers={"x-request-id": "nginx-abc123def456"})
        replaced = client.get("/healthz", headers={"x-request-id": "<script>"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert any(
        line["request_id"] == request_id and line["level"] == "WARNING" and "Not Found" in
        line["message"] for line in lines
    ), lines
    assert kept["X-Request-ID"] == "nginx-abc123def456"
    assert replaced["X-Request-ID"] != "<script>" and len(replaced["X-Request-ID"]) == 32


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("ops-admin", "ops@example.org", "pw-ops-1")


@pytest.mark.django_db
def test_administrators_see_failed_tasks_on_the_dashboard_and_in_the_report(client, superuser):
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="plugins.consultations.tasks.send_receipt",
        backend_name="default",
        run_after=get_date_max(),
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback: connection unexpectedly closed",
    )
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(superuser)
    with override_settings(TASKS=DATABASE_QUEUE):
        dashboard = client.get("/admin/").content.decode()
        report = client.get("/admin/reports/task-queue/").content.decode()
    assert 'id="task-queue-panel-title"' in dashboard
    assert "Background tasks need attention" in dashboard
    assert "1 task failed in the last 24 hours." in dashboard
    assert "plugins.consultations.tasks.send_receipt" in report
    assert "smtplib.SMTPServerDisconnected" in report


@pytest.mark.django_db
def test_the_task_queue_report_is_for_administrators_only(client):
    editor = get_user_model().objects.create_user("ops-editor", "ed@example.org", "pw-ed-1")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/reports/task-queue/").status_code in (302, 403)


def _shell(code, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env},
    )


def test_sentry_reports_errors_only_when_a_dsn_is_set():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    without = _shell(code, SENTRY_DSN="")
    with_dsn = _shell(code, SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert without.stdout.split()[-1] == "False", without.stderr
    assert with_dsn.stdout.split()[-1] == "True", with_dsn.stderr
