"""The production topology of `site/deploy/`, started by the suite on loopback.

Debian's nginx runs `site/deploy/nginx.conf` (ports and paths substituted by
scripts/nginx-local-conf) in front of gunicorn started with `site/deploy/gunicorn.conf.py`
and production settings, on a copy of the test database (the demo). Changes are made by
`manage.py` commands against the same database, the way an editor's publish or the
scheduler reaches it; the task worker (`db_worker`) sends the purges.
"""

import http.client
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what):
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not open port {port}")


class HangingEndpoint:
    """Accepts connections and never answers (a cache that is stuck)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.accepted:
            conn.close()


class Answer:
    def __init__(self, response, body):
        self.status = response.status
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        self.text = body.decode("utf-8", "replace")
        self.cache = self.headers.get("x-cache-status", "")


class Stack:
    """nginx (the shipped configuration) in front of gunicorn, on one database."""

    def __init__(self, workdir, env, port, purge_port):
        self.workdir = workdir
        self.env = env
        self.port = port
        self.purge_port = purge_port
        self.processes = []

    def request(self, host, path, method="GET", headers=None, body=None, source=None):
        """One request to nginx from `source` (a loopback address: another client)."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0) if source else None
        )
        try:
            conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = conn.getresponse()
            return Answer(response, response.read())
        finally:
            conn.close()

    def get(self, host, path, **kwargs):
        return self.request(host, path, **kwargs)

    def warm(self, host, path):
        """Fetch `path` until nginx serves it from its cache (a purge still on its way from
        an earlier change may drop the first copy); the cached answer."""
        for _ in range(3):
            answer = self.get(host, path)
            assert answer.status == 200, (path, answer.status)
            answer = self.get(host, path)
            if answer.cache == "HIT":
                return answer
        raise AssertionError((path, answer.cache, answer.headers))

    def manage(self, *args, env=None, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
        )
        if check and result.returncode:
            raise AssertionError(result.stdout + result.stderr)
        return result

    def shell(self, code, env=None):
        """Run Python with Django set up against the served database; its standard output."""
        return self.manage("shell", "-c", textwrap.dedent(code), env=env).stdout

    def work(self, env=None):
        """Run the task worker until no task is due (as `db_worker` does all the time)."""
        return self.manage("db_worker", "--batch", "--no-startup-delay", env=env)

    def change(self, code, env=None):
        """Make a change as `shell` does, then run the task worker in the same process."""
        return self.shell(
            textwrap.dedent(code)
            + "\nfrom django.core.management import call_command\n"
            + 'call_command("db_worker", "--batch", "--no-startup-delay")\n',
            env=env,
        )

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _copy_test_database(target):
    """The pytest database (the demo, loaded once per session) written to a file."""
    from django.db import connection

    connection.ensure_connection()
    destination = sqlite3.connect(target)
    connection.connection.backup(destination)
    destination.close()


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker):
    from django.conf import settings

    if not (os.path.exists(NGINX) and PURGE_MODULE.exists()):
        pytest.skip("needs Debian's nginx and libnginx-mod-http-cache-purge")
    if not GUNICORN.exists():
        pytest.skip("needs gunicorn in the virtual environment")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs on the SQLite copy of the demo (make test-sqlite)")

    workdir = Path(tempfile.mkdtemp(prefix="hromada-deploy-"))
    with django_db_blocker.unblock():
        _copy_test_database(workdir / "db.sqlite3")
    port, purge_port, app_port = free_port(), free_port(), free_port()
    static = ROOT / "var" / "test-deploy-static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "deploy-test-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": ".localhost,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "STATIC_ROOT": str(static),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "database",
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{purge_port}",
        "FRONT_CACHE_TIMEOUT": "1",
        "TRUSTED_PROXY_COUNT": "1",
        "ADMIN_LOGIN_ATTEMPTS": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "BIND": f"127.0.0.1:{app_port}",
        "WEB_CONCURRENCY": "1",
    }
    stack = Stack(workdir, env, port, purge_port)
    if shutil.which("redis-server"):  # the production cache: one rate-limit count for all
        redis_port = free_port()
        stack.processes.append(
            subprocess.Popen(
                [
                    *("redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"),
                    *("--save", "", "--appendonly", "no", "--dir", str(workdir)),
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        wait_for_port(redis_port, stack.processes[-1], "redis-server")
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    try:
        yield from _serve(stack, workdir, env, port, purge_port, app_port, static, settings)
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _serve(stack, workdir, env, port, purge_port, app_port, static, settings):
    stack.manage("collectstatic", "--noinput", "-v", "0")
    conf = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "nginx-local-conf"),
            *("--dir", str(workdir / "nginx")),
            *("--listen", str(port), "--purge-listen", str(purge_port)),
            *("--upstream", f"127.0.0.1:{app_port}"),
            *("--static", str(static), "--media", str(settings.MEDIA_ROOT)),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (workdir / "nginx" / "nginx.conf").write_text(conf)
    logs = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the stack)
    try:
        stack.processes.append(
            subprocess.Popen(
                [str(GUNICORN), "-c", "site/deploy/gunicorn.conf.py", "cms.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=logs,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for_port(app_port, stack.processes[-1], "gunicorn")
        stack.processes.append(
            subprocess.Popen([NGINX, "-c", str(workdir / "nginx" / "nginx.conf")], cwd=workdir)
        )
        wait_for_port(port, stack.processes[-1], "nginx")
        yield stack
    finally:
        logs.close()
