"""The production topology of `site/deploy/`, started by the suite on loopback.

Debian's nginx runs `site/deploy/nginx.conf` (ports and paths substituted by
scripts/nginx-local-conf) in front of gunicorn started with `site/deploy/gunicorn.conf.py`
and production settings, on a copy of the test database (the demo). Changes are made by
`manage.py` commands against the same database, the way an editor's publish or the
scheduler reaches it; the task worker (`db_worker`) sends the purges.
"""

import shutil
import socket
import threading

import pytest

from tests.deploy.processes import free_port, require, served_stack

__all__ = ["HangingEndpoint", "free_port"]


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


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker):
    """nginx (the shipped configuration) in front of gunicorn and Redis (when installed: the
    production cache, one rate-limit count for all), on a SQLite copy of the demo."""
    from django.conf import settings

    require(nginx=True, sqlite=True)
    port, purge_port, app_port = free_port(), free_port(), free_port()
    with served_stack(
        "hromada-deploy-",
        django_db_blocker,
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{purge_port}",
        FRONT_CACHE_TIMEOUT="1",
        ADMIN_LOGIN_ATTEMPTS="2",
    ) as stack:
        stack.port, stack.purge_port = port, purge_port
        if shutil.which("redis-server"):
            stack.start_redis()
        stack.collect_static()
        stack.start_gunicorn(app_port)
        stack.start_nginx([app_port], settings.MEDIA_ROOT)
        yield stack
