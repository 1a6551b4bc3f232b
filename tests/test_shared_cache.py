"""With REDIS_URL (as in production), limits are shared by every worker process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs Redis (make test-postgres starts one)"
    ),
]


def test_the_cache_is_redis():
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


@pytest.mark.django_db
def test_failed_admin_logins_count_across_processes(client, settings, django_user_model):
    """Failures made by another process (another gunicorn worker) block this one too."""
    from django.core.cache import cache

    settings.ADMIN_LOGIN_ATTEMPTS = 3
    cache.delete_many(["admin-login:ip:127.0.0.1", "admin-login:user:editor"])
    django_user_model.objects.create_user("editor", password="right-Pass-1")
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "[Client().post('/admin/login/', {'username': 'editor', 'password': 'wrong'})"
        " for _ in range(3)]"
    )
    db = connection.settings_dict
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "ADMIN_LOGIN_ATTEMPTS": "3",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        },
    )
    response = client.post("/admin/login/", {"username": "editor", "password": "right-Pass-1"})
    assert response.status_code == 429
