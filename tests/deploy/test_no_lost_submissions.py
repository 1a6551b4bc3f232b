"""Nothing a citizen was told was received is lost when a process dies (issue 15).

gunicorn (site/deploy/gunicorn.conf.py, production settings, two workers) serves a copy of
the demo while signed-in citizens answer a consultation, comment and register for an event
at the same time. During the burst a gunicorn worker is killed (SIGKILL; the master starts
a new one) twice, and the task worker (`manage.py db_worker`) is killed while it is handing
a mail to the mail server. Afterwards every submission that got its success answer is in
the database, and once the task worker is started again every queued mail reaches the
mail server (a small SMTP sink in the test) and no task is left waiting or "running".
"""

import json
import os
import re
import signal
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from tests.deploy.conftest import (
    GUNICORN,
    ROOT,
    Stack,
    _copy_test_database,
    free_port,
    wait_for_port,
)

pytestmark = pytest.mark.django_db

CITIZENS = 18
FAILURES = []  # what the citizens saw when it did not go through (for the report)

SETUP = """
import json
from datetime import timedelta
from importlib import import_module
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.utils import timezone
from plugins.comments import page_settings
from plugins.consultations.models import ConsultationPage, Respondents, ConsultationStatus
from plugins.events.models import EventPage

def host(page):
    return page.get_site().hostname

consultation = next(
    p for p in ConsultationPage.objects.live().order_by("pk")
    if p.status() == ConsultationStatus.OPEN and p.respondents == Respondents.CITIZENS
)
event = EventPage.objects.live().filter(registration_enabled=True, rrule="").order_by("pk")
event = event.filter(start__gt=timezone.now() + timedelta(days=2)).first()
event.capacity = 5  # some citizens are registered, the others wait: both are told so
event.save(update_fields=["capacity"])
from cms.pages.models import StandardPage
commented = StandardPage(title="Обговорення", slug="burst-discussion")
consultation.get_site().root_page.add_child(instance=commented)
commented.save_revision().publish()
page_settings.save_settings(commented, "open", "")
store = import_module(settings.SESSION_ENGINE).SessionStore
citizens = []
for n in range(COUNT):
    user = get_user_model().objects.create_user(
        f"burst{n}", f"burst{n}@example.org", "not-used-pass-9f2k",
        date_joined=timezone.now() - timedelta(days=400),
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    citizens.append({"pk": user.pk, "email": user.email, "session": session.session_key})
lang = consultation.locale.language_code
print("SETUP " + json.dumps({
    "cookie": settings.SESSION_COOKIE_NAME,
    "citizens": citizens,
    "consultation": {"id": consultation.pk, "key": str(consultation.consultation_key),
                     "host": host(consultation),
                     "path": f"/{lang}/consultations/{consultation.pk}/respond/"},
    "comment": {"id": commented.pk, "host": host(commented),
                "path": f"/{commented.locale.language_code}/comments/{commented.pk}/new/"},
    "event": {"id": event.pk, "host": host(event),
              "path": f"/{event.locale.language_code}/events/{event.pk}/register/"},
}))
"""

STORED = """
import json
from plugins.comments.models import Comment
from plugins.consultations.models import Response
from plugins.events.models import Registration
ids = IDS
print("STORED " + json.dumps({
    "responses": sorted(Response.objects.filter(
        consultation_key=KEY, user_id__in=ids).values_list("user_id", flat=True)),
    "comments": sorted(Comment.objects.filter(
        page_id=PAGE, author_id__in=ids).values_list("author_id", flat=True)),
    "registrations": sorted(Registration.objects.filter(
        event_id=EVENT, user_id__in=ids).values_list("user_id", flat=True)),
}))
"""


class SmtpSink(socketserver.ThreadingTCPServer):
    """A mail server that keeps what it is given; `stall` holds each mail's final answer
    (so a task worker is caught in the middle of handing one over)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.mails = []
        self.stall = threading.Event()
        self.stalled = threading.Event()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 sink")
        recipients = []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                self.reply("250 ok")
            elif verb == b"DATA":
                self.reply("354 go on")
                body = b""
                while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                    body += chunk
                if server.stall.is_set():  # held until the sender is gone: not received
                    server.stalled.set()
                    while server.stall.is_set():
                        time.sleep(0.05)
                    return
                server.mails.append((recipients, body.decode("utf-8", "replace")))
                recipients = []
                self.reply("250 kept")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RSET, NOOP
                self.reply("250 ok")


class FormFields(HTMLParser):
    """The fields a citizen fills in on a form page: the first choice of each set of
    options, a short text for required text fields, and the hidden ones (the CSRF token)."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select = action, False, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "").lower() == "post" and (
                not attrs.get("action") or attrs["action"] == self.action
            )
        if not self.inside or not attrs.get("name"):
            if tag == "option" and self.select and self.select not in self.fields:
                if attrs.get("value"):
                    self.fields[self.select] = attrs["value"]
            return
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        if tag == "textarea" or (tag == "input" and kind in ("text", "email", "number")):
            # a required field gets a short answer; others stay empty (a trap for robots)
            self.fields.setdefault(name, "1" if "required" in attrs else "")
        elif tag == "input" and kind in ("radio", "checkbox", "hidden"):
            self.fields.setdefault(name, attrs.get("value", "on"))
        elif tag == "select":
            self.select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = None


def form_fields(html, action):
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


class Citizen:
    def __init__(self, base, data, cookie, number):
        self.base, self.pk, self.email = base, data["pk"], data["email"]
        self.http = requests.Session()
        self.http.cookies.set(cookie, data["session"])
        self.http.headers["X-Forwarded-For"] = f"10.77.{number // 200}.{number % 200 + 1}"

    def submit(self, target, fields=None, ok=None):
        """GET the form, POST it with its CSRF token; whether the citizen was told it was
        received (False when the answer was an error or never came)."""
        url = self.base + target["path"]
        headers = {"Host": target["host"]}
        try:
            page = self.http.get(url, headers=headers, timeout=20)
            if page.status_code != 200:
                FAILURES.append((target["path"], "GET", page.status_code))
                return False
            data = form_fields(page.text, target["path"])
            data.update(fields or {})
            answer = self.http.post(
                url, data=data, headers=headers, timeout=20, allow_redirects=False
            )
            if answer.status_code != 302:
                errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]*)', answer.text)
                FAILURES.append((target["path"], "POST", answer.status_code, errors, data))
                return False
            return ok(answer, headers) if ok else True
        except requests.RequestException as error:  # the worker died under the request
            FAILURES.append((target["path"], type(error).__name__))
            return False

    def told_registered(self, answer, headers):
        shown = self.http.get(self.base + answer.headers["Location"], headers=headers, timeout=20)
        return shown.status_code == 200 and "message--success" in shown.text


def gunicorn_workers(master):
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master.pid:
                workers.append(int(entry.name))
    return workers


def task_rows(database):
    with sqlite3.connect(database, timeout=20) as db:
        return db.execute(
            "select task_path, status from django_tasks_database_dbtaskresult"
        ).fetchall()


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker):
    from django.conf import settings

    if not GUNICORN.exists():
        pytest.skip("needs gunicorn in the virtual environment")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs on the SQLite copy of the demo (make test-sqlite)")
    workdir = Path(tempfile.mkdtemp(prefix="hromada-lost-"))
    with django_db_blocker.unblock():
        _copy_test_database(workdir / "db.sqlite3")
    sink = SmtpSink()
    app_port = free_port()
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("EMAIL_", "REDIS"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "lost-test-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": ".localhost,localhost",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "STATIC_ROOT": str(ROOT / "var" / "test-deploy-static"),
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TASKS_BACKEND": "database",
            "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "LOG_LEVEL": "ERROR",
            "BIND": f"127.0.0.1:{app_port}",
            "WEB_CONCURRENCY": "2",
        }
    )
    stack = Stack(workdir, env, app_port, None)
    stack.sink, stack.database = sink, workdir / "db.sqlite3"
    logs = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
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
        yield stack
    finally:
        stack.stop()
        logs.close()
        sink.shutdown()
        sink.server_close()
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def start_task_worker(stack):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=stack.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killed_workers_lose_no_acknowledged_submission(served):
    stack, sink = served, served.sink
    out = stack.shell(SETUP.replace("COUNT", str(CITIZENS)))
    setup = json.loads(re.search(r"^SETUP (.*)$", out, re.M).group(1))
    base = f"http://127.0.0.1:{stack.port}"
    citizens = [Citizen(base, data, setup["cookie"], n) for n, data in enumerate(setup["citizens"])]
    told = {"responses": set(), "comments": set(), "registrations": set()}
    done = []

    def one_citizen(citizen):
        if citizen.submit(setup["consultation"]):
            told["responses"].add(citizen.pk)
        text = {"text": f"Підтримую пропозицію, громадянин {citizen.pk}."}
        if citizen.submit(setup["comment"], text):
            told["comments"].add(citizen.pk)
        if citizen.submit(setup["event"], ok=citizen.told_registered):
            told["registrations"].add(citizen.pk)
        done.append(citizen.pk)

    master = stack.processes[0]
    task_worker = start_task_worker(stack)
    killed_gunicorn = 0
    sink.stall.set()  # the first mail handed over keeps the task worker busy
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(one_citizen, citizen) for citizen in citizens]
            # Kill the task worker while it is inside a mail task (the row says RUNNING).
            assert sink.stalled.wait(40), "no mail reached the mail server"
            task_worker.send_signal(signal.SIGKILL)
            task_worker.wait()
            sink.stall.clear()
            for threshold in (CITIZENS // 4, CITIZENS // 2):
                while len(done) < threshold and not all(f.done() for f in futures):
                    time.sleep(0.05)
                workers = gunicorn_workers(master)
                assert workers, "gunicorn has no worker"
                os.kill(workers[0], signal.SIGKILL)
                killed_gunicorn += 1
            for future in futures:
                future.result()
        statuses = {status for _path, status in task_rows(stack.database)}
        assert "RUNNING" in statuses  # what the killed worker left behind
    finally:
        if task_worker.poll() is None:
            task_worker.kill()
            task_worker.wait()

    assert killed_gunicorn == 2
    # Most submissions went through (the kills cost a few), and each kind was acknowledged.
    assert all(told.values()), (told, FAILURES[:3])
    assert sum(map(len, told.values())) >= CITIZENS

    out = stack.shell(
        STORED.replace("IDS", repr([c.pk for c in citizens]))
        .replace("KEY", repr(setup["consultation"]["key"]))
        .replace("PAGE", str(setup["comment"]["id"]))
        .replace("EVENT", str(setup["event"]["id"]))
    )
    stored = json.loads(re.search(r"^STORED (.*)$", out, re.M).group(1))
    for kind, pks in told.items():
        missing = pks - set(stored[kind])
        assert not missing, f"{kind} acknowledged but not stored: citizens {sorted(missing)}"

    # The task worker comes back: every queued task runs, the interrupted one included.
    task_worker = start_task_worker(stack)
    try:
        for _ in range(300):
            statuses = [status for _path, status in task_rows(stack.database)]
            if not {"READY", "RUNNING"} & set(statuses):
                break
            time.sleep(0.1)
    finally:
        task_worker.send_signal(signal.SIGTERM)
        task_worker.wait(timeout=20)
    rows = task_rows(stack.database)
    assert rows and all(status == "SUCCESSFUL" for _path, status in rows), rows

    # Every acknowledged answer and registration brought its mail to the citizen.
    mailed = {}
    for recipients, body in sink.mails:
        kind = "registrations" if "text/calendar" in body else "responses"
        for address in recipients:
            mailed.setdefault(kind, set()).add(address)
    emails = {c.pk: c.email for c in citizens}
    for kind in ("responses", "registrations"):
        unmailed = {emails[pk] for pk in told[kind]} - mailed.get(kind, set())
        assert not unmailed, f"{kind}: no mail reached {sorted(unmailed)}"
