"""Graceful degradation with the real services stopped: Redis (pages, sign-in and /healthz
keep answering), PostgreSQL restarted under a running gunicorn (a translated 503, logged
once, then recovery without a restart)."""

import http.client
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from cms.ops import guard
from cms.ops.logging import OncePerFailureFilter
from cms.ops.tests.services import PostgresServer, RedisServer, free_port, port_open, wait_for

ROOT = Path(__file__).resolve().parents[3]


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


class Counter(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
        self.addFilter(OncePerFailureFilter(seconds=300))

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.close()


@pytest.mark.django_db
def test_with_redis_stopped_pages_sign_in_and_health_still_answer(client, redis_server):
    get_user_model().objects.create_superuser("redis-admin", "r@example.org", "pw-redis-1")
    counter = Counter()
    logger = logging.getLogger("django_redis")
    logger.addHandler(counter)
    try:
        with override_settings(
            CACHES=redis_caches(redis_server.url), DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=True
        ):
            assert client.get("/healthz").status_code == 200
            redis_server.stop()
            for _ in range(3):
                page = client.get("/uk/", headers={"host": "ternopil.localhost"})
                assert page.status_code == 200
                assert "<html" in page.content.decode()
            health = client.get("/healthz")
            assert health.status_code == 503
            assert json.loads(health.content)["failing"] == ["cache"]
            assert client.login(username="redis-admin", password="pw-redis-1")
            assert client.get("/admin/").status_code == 200
            # Rate-limited forms fail closed, with a translated message; nothing is counted.
            guard._state["checked"] = 0.0
            refused = client.post(
                "/uk/accounts/login/", {"login": "a@example.org", "password": "x"},
                headers={"host": "ternopil.localhost"},
            )
            assert refused.status_code == 503
            assert "Надсилання призупинено на хвилину" in refused.content.decode()
            admin_login = client.post("/admin/login/", {"username": "x", "password": "y"})
            assert admin_login.status_code == 503
    finally:
        logger.removeHandler(counter)
        guard._state.update(checked=0.0, reachable=True)
    failures = [r for r in counter.records if r.exc_info and r.name.startswith("django_redis")]
    assert len(failures) == 1, [r.getMessage() for r in counter.records]


def _get(port, path, language="uk"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "ternopil.localhost",
                                           "Accept-Language": language})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@pytest.mark.skipif(not Path("/usr/lib/postgresql").exists(), reason="PostgreSQL not installed")
def test_postgresql_restarted_under_gunicorn_gives_a_503_then_recovers(tmp_path):
    postgres = PostgresServer()
    postgres.init()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": "",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    log = tmp_path / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "site/deploy/gunicorn.conf.py",
         "cms.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "w"),
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: port_open(port), 60), log.read_text()
        status, _, body = _get(port, "/healthz")
        assert status == 200, body

        postgres.stop()
        status, _, body = _get(port, "/healthz")
        assert status == 503 and json.loads(body)["failing"][0] == "database"
        for _ in range(4):
            status, headers, body = _get(port, "/uk/")
            assert status == 503
            assert "Повернемося за мить" in body
            assert headers.get("Retry-After") == "30"
        status, _, body = _get(port, "/sk/", language="sk")
        assert status == 503 and "Hneď sme späť" in body

        postgres.start()
        status, _, body = _get(port, "/healthz")
        assert status == 200, body
        assert gunicorn.poll() is None
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(30)
        postgres.close()
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    unavailable = [line for line in lines if line["message"].startswith("Service Unavailable")]
    assert len(unavailable) == 1, [(line["message"], line.get("traceback")) for line in lines]
    assert unavailable[0]["exception"] == "OperationalError"
    assert unavailable[0]["request_id"] != "-"
