"""Real processes for the deploy tests, started the way site/deploy/ starts them: gunicorn
with site/deploy/gunicorn.conf.py and production settings, Redis, Debian's nginx with
site/deploy/nginx.conf (through scripts/nginx-local-conf), on a copy of the test database
(the demo): a SQLite file, or a PostgreSQL database made from the test database."""

import contextlib
import fcntl
import gzip
import http.client
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cms.ops.tests.services import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
GUNICORN = Path(sys.executable).with_name("gunicorn")
STATIC = ROOT / "var" / "test-deploy-static"
BROWSER = "gzip, deflate, br"


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


def require(nginx=False, redis=False, sqlite=False):
    """Skip the module unless what it starts is installed (scripts/system-deps --test)."""
    from django.conf import settings

    if nginx and not (os.path.exists(NGINX) and PURGE_MODULE.exists()):
        pytest.skip("needs Debian's nginx and libnginx-mod-http-cache-purge")
    if not GUNICORN.exists():
        pytest.skip("needs gunicorn in the virtual environment")
    if redis and not shutil.which("redis-server"):
        pytest.skip("needs redis-server (scripts/system-deps --test)")
    if sqlite and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs on the SQLite copy of the demo (make test-sqlite)")


def copy_test_database(workdir):
    """The pytest database (the demo, loaded once per session) copied for served processes:
    a SQLite file in `workdir`, or on PostgreSQL a new database with the test database as
    its template. Its DATABASE_URL."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = Path(workdir) / "db.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        connection.connection.backup(destination)
        destination.close()
        return f"sqlite:///{target}"
    copy = f"{settings['NAME']}_served_{os.getpid()}"
    connection.close()  # a template database must have no other session
    _postgres_admin(f'CREATE DATABASE "{copy}" TEMPLATE "{settings["NAME"]}"')
    user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{user}@{settings['HOST']}:{settings['PORT']}/{copy}"


def drop_database_copy(url):
    if url.startswith("postgres"):
        name = urlsplit(url).path.lstrip("/")
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin(sql):
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        cursor = admin.execute(sql)
        return cursor.fetchall() if cursor.description else []


def query(database_url, sql):
    """Rows of `sql` on the served database, read straight from it (no Django set-up)."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql).fetchall()


def production_env(workdir, database_url, **overrides):
    """The environment of site/deploy/hromada.env for loopback: production settings, no TLS,
    no mail server, none of the suite's own Redis or mail settings."""
    from django.conf import settings

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "REDIS_", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "deploy-test-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": ".localhost,localhost",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "STATIC_ROOT": str(STATIC),
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TASKS_BACKEND": "database",
            "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "1",
            # Written by scripts/nginx-local-conf for the stack's nginx (start_nginx).
            "FRONT_PAGE_STORE": str(Path(workdir) / "nginx" / "pages"),
            "FRONT_PAGE_STORE_HEADERS": str(Path(workdir) / "nginx" / "stored-pages.conf"),
        }
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class Answer:
    """One answer: `body` as sent, `text` unpacked; `cache` is "HIT" for an answer nginx sent
    without Django, from its cache or from the page store (`stored`)."""

    def __init__(self, response, body):
        self.status = response.status
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        self.body = body
        if self.headers.get("content-encoding") == "gzip" and body:
            body = gzip.decompress(body)
        self.text = body.decode("utf-8", "replace")
        self.cache = self.headers.get("x-cache-status", "")
        self.stored = self.cache == "STORE"
        if self.stored:
            self.cache = "HIT"


class Stack:
    """Processes serving one database: started by `start_*`, stopped together by `stop`;
    `port` is where requests go (nginx, or gunicorn itself when there is no nginx)."""

    def __init__(self, workdir, env, port=None, purge_port=None):
        self.workdir = Path(workdir)
        self.env = env
        self.port = port
        self.purge_port = purge_port
        self.processes = []
        self.logs = []

    def start(self, argv, what, port=None, env=None, log=None):
        """Start `argv` from the project folder; wait until it listens on `port`."""
        out = subprocess.DEVNULL
        if log:
            out = open(self.workdir / log, "w")  # noqa: SIM115 (closed by stop)
            self.logs.append(out)
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env or self.env, stdout=out, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        if port:
            wait_for_port(port, process, what)
        return process

    def start_redis(self):
        """A Redis server of this stack's own; REDIS_URL of the environment points at it."""
        port = free_port()
        self.start(
            [
                *("redis-server", "--port", str(port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.workdir)),
            ],
            "redis-server",
            port,
        )
        self.env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        return self.env["REDIS_URL"]

    def start_gunicorn(self, port, log="gunicorn.log", app="cms.wsgi", env=None):
        """gunicorn as hromada-web.service runs it, on 127.0.0.1:`port`."""
        return self.start(
            [str(GUNICORN), "-c", "site/deploy/gunicorn.conf.py", app],
            f"gunicorn on {port}",
            port,
            env={**self.env, **(env or {}), "BIND": f"127.0.0.1:{port}"},
            log=log,
        )

    def start_nginx(self, upstream_ports, media):
        """nginx with site/deploy/nginx.conf on `self.port` in front of `upstream_ports`,
        its purge endpoint on `self.purge_port`."""
        conf = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "nginx-local-conf"),
                *("--dir", str(self.workdir / "nginx")),
                *("--listen", str(self.port), "--purge-listen", str(self.purge_port)),
                *(arg for p in upstream_ports for arg in ("--upstream", f"127.0.0.1:{p}")),
                *("--static", str(STATIC), "--media", str(media)),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert conf.count("server 127.0.0.1:") == len(upstream_ports)
        (self.workdir / "nginx" / "nginx.conf").write_text(conf)
        return self.start(
            [NGINX, "-c", str(self.workdir / "nginx" / "nginx.conf")], "nginx", self.port
        )

    def request(self, host, path, method="GET", headers=None, body=None, source=None):
        """One request to `self.port` from `source` (a loopback address: another client)."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0) if source else None
        )
        try:
            # As a browser asks: gzip (a test asks for `identity` itself when it needs to).
            headers = {"Host": host, "Accept-Encoding": BROWSER, **(headers or {})}
            conn.request(method, path, body=body, headers=headers)
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

    def collect_static(self):
        """collectstatic into the suite's one STATIC folder, one worker at a time (two at once
        delete each other's files)."""
        STATIC.parent.mkdir(parents=True, exist_ok=True)
        with open(STATIC.parent / "test-deploy-static.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.manage("collectstatic", "--noinput", "-v", "0")

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

    def drop(self, host, path):
        """Purge one address from the front cache (its copy in nginx and the page store)."""
        self.change(f'from cms.frontcache.purging import queue_keys\nqueue_keys(["{host}{path}"])')

    def query(self, sql):
        return query(self.env["DATABASE_URL"], sql)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


@contextlib.contextmanager
def served_stack(prefix, django_db_blocker, **env):
    """A Stack on a copy of the test database in a fresh folder; at the end its processes
    are stopped, the copy dropped and the folder removed."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    with django_db_blocker.unblock():
        database_url = copy_test_database(workdir)
    stack = Stack(workdir, production_env(workdir, database_url, **env))
    try:
        yield stack
    finally:
        stack.stop()
        with django_db_blocker.unblock():
            drop_database_copy(database_url)
        shutil.rmtree(workdir, ignore_errors=True)


class StreamingReplica(PostgresServer):
    """A hot standby of the test database's PostgreSQL server on another loopback port:
    `pg_basebackup -R` from the primary (streaming replication), run as the `postgres` user
    when the suite runs as root, as scripts/with-postgres does."""

    SETTINGS = (  # a hot standby needs at least the primary's
        "max_connections",
        "max_worker_processes",
        "max_wal_senders",
        "max_prepared_transactions",
        "max_locks_per_transaction",
    )

    def init(self):
        from django.db import connection

        primary = connection.settings_dict
        self.user = primary["USER"]
        self.options = [
            f"-c {name}={_postgres_admin(f'SHOW {name}')[0][0]}" for name in self.SETTINGS
        ]
        self._run(
            str(self.bin / "pg_basebackup"),
            *("-h", primary["HOST"], "-p", str(primary["PORT"]), "-U", primary["USER"]),
            *("-D", str(self.dir / "data"), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
        )
        self.start()

    def start(self):
        self._run(
            str(self.bin / "pg_ctl"),
            *("-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o"),
            " ".join(
                [f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1", *self.options]
            ),
            "start",
        )

    def url_of(self, database_url):
        """`database_url` (a database of the primary) on this replica."""
        parts = urlsplit(database_url)
        return parts._replace(netloc=f"{parts.username}@127.0.0.1:{self.port}").geturl()

    def sql(self, statement):
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as db:
            return db.execute(statement).fetchall()
