"""Browser tests: the real site served by a real server, driven by Debian's Chromium.

The server is a separate process with its own SQLite database holding the demo content,
the way a citizen meets the site after `make run`.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    def __init__(self, port, env):
        self.port = port
        self.env = env

    def url(self, site_slug, path="/"):
        from cms.core.profiles import all_profiles

        hostname = {p.slug: p.hostname for p in all_profiles()}[site_slug]
        return f"http://{hostname}:{self.port}{path}"

    def manage(self, *args):
        """Run a management command against the served database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@pytest.fixture(scope="session")
def live_site():
    workdir = Path(tempfile.mkdtemp(prefix="hromada-browser-"))
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SITE_PORT": str(port),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_FILE_PATH": str(workdir / "mail"),
    }
    site = LiveSite(port, env)
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("load_demo")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # up to a minute on a loaded machine
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the test server did not start")
        site.workdir = workdir
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


AXE = Axe()


def axe_violations(page):
    """axe-core's violations on the page, as readable lines (empty when there are none)."""
    results = AXE.run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
