"""The production guide (site/deploy/README.md) followed as written, on loopback: its
`sh loopback` blocks run in order with production settings and the example environment
file (a new PostgreSQL database, as the guide installs: `make test-postgres`), then gunicorn and
the worker start from the shipped systemd units, then the `sh loopback-running` blocks
(`check --deploy` without warnings, the three sites, /healthz) run against them."""

import os
import re
import secrets
import shlex
import signal
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from cms.core.profiles import all_profiles
from cms.ops.tests.services import free_port, port_open, wait_for

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "site" / "deploy"
GUIDE = DEPLOY / "README.md"

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def guide_blocks(kind):
    return re.findall(rf"^```sh {kind}\n(.*?)^```", GUIDE.read_text(), re.S | re.M)


def example_env(**values):
    """hromada.env.example with some values replaced (each must be in the example)."""
    text = (DEPLOY / "hromada.env.example").read_text()
    for name, value in values.items():
        text, count = re.subn(
            rf"^#? ?{name}=.*$", lambda _m, n=name, v=value: f"{n}={shlex.quote(v)}", text,
            flags=re.M,
        )
        assert count == 1, f"{name} is not in hromada.env.example"
    return text


def unit_command(unit):
    """The ExecStart of a shipped unit, for this checkout instead of /srv/hromada."""
    line = re.search(r"^ExecStart=(.*)$", (DEPLOY / unit).read_text(), re.M).group(1)
    return shlex.split(line.replace("/srv/hromada", str(ROOT)))


def load_env_file(path):
    """As systemd's EnvironmentFile= reads it (one quoted value a line)."""
    env = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    return env


@pytest.fixture
def database_url(tmp_path):
    database = settings.DATABASES["default"]
    keys = ("HOST", "PORT", "USER", "PASSWORD")
    server = {k.lower(): database[k] for k in keys if database.get(k)}
    name = f"hromada_guide_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server.get("password") else ""
    yield (
        f"postgres://{server.get('user', '')}{password}@{server.get('host', '')}:"
        f"{server.get('port', 5432)}/{name}"
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_production_guide_works_as_written(tmp_path, database_url):
    setup, running = guide_blocks("loopback"), guide_blocks("loopback-running")
    assert len(setup) >= 3 and running, "the guide has lost its loopback blocks"
    port = free_port()
    hosts = {
        f"HOSTNAME_{p.slug.upper().replace('-', '_')}": f"{p.slug}.example" for p in all_profiles()
    }
    env_file = tmp_path / "hromada.env"
    env_file.write_text(
        example_env(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=",".join(hosts.values()),
            CSRF_TRUSTED_ORIGINS=",".join(f"https://{h}" for h in hosts.values()),
            DATABASE_URL=database_url,
            REDIS_URL=os.environ.get("REDIS_URL", ""),
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(tmp_path / "media"),
            FRONT_PAGE_STORE=str(tmp_path / "pages"),
            BACKUP_DIR=str(tmp_path / "backups"),
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="2",
            EMAIL_PORT=str(free_port()),  # no mail server: mails wait in the queue
            **hosts,
        )
    )
    shell_env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"))
    }
    shell_env.update(HROMADA_DIR=str(ROOT), ENV_FILE=str(env_file))

    def run_blocks(blocks):
        script = "set -euo pipefail\n" + "\n".join(blocks)
        result = subprocess.run(
            ["bash", "-c", script], env=shell_env, capture_output=True, text=True, timeout=900
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    installed = run_blocks(setup)
    assert "user admin, password " in installed

    service_env = {**shell_env, **load_env_file(env_file)}
    processes = [
        subprocess.Popen(
            unit_command(unit), cwd=ROOT, env=service_env, stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"{unit}.log", "w"), start_new_session=True,
        )
        for unit in ("hromada-web.service", "hromada-worker.service")
    ]
    try:
        log = tmp_path / "hromada-web.service.log"
        assert wait_for(lambda: port_open(port), 60), log.read_text()
        checked = run_blocks(running)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(30)

    assert "System check identified no issues" in checked
    for host in hosts.values():
        assert re.search(rf"^200 {re.escape(host)} ", checked, re.M), checked
    assert '"status": "ok"' in checked
