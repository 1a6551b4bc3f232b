"""Production settings from the environment: HTTPS switches with safe defaults, and the
example environment file read by a shell as systemd reads it."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "site" / "deploy" / "hromada.env.example"
SHOW = (
    "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
    " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, s.EMAIL_BACKEND)"
)


def production_settings(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SESSION_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT, capture_output=True, text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "cms.settings.production",
             "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "ternopil.example", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[-2].split()


def test_https_settings_are_safe_by_default_and_can_be_relaxed_from_the_environment():
    assert production_settings(TASKS_BACKEND="database")[:5] == [
        "True", "True", "True", "31536000", "True"
    ]
    relaxed = production_settings(
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="no",
        SECURE_HSTS_SECONDS="0", SECURE_HSTS_PRELOAD="0",
    )
    assert relaxed[:5] == ["False", "False", "False", "0", "False"]


def test_with_the_database_queue_production_mail_goes_through_the_queue():
    assert production_settings(TASKS_BACKEND="database")[5] == "cms.ops.mail.QueuedEmailBackend"
    assert production_settings(TASKS_BACKEND="")[5].endswith("smtp.EmailBackend")


def test_the_example_environment_file_is_read_alike_by_a_shell():
    lines = [
        line for line in EXAMPLE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all(re.fullmatch(r"[A-Z_][A-Z0-9_]*='[^']*'", line) for line in lines)
    result = subprocess.run(
        ["bash", "-c", f"set -eu; set -a; . {EXAMPLE}; set +a; printf %s \"$DEFAULT_FROM_EMAIL\""],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hromada <noreply@ternopil.example>"
