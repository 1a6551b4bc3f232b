"""Nothing a citizen was told was received is lost when a process dies (issue 15).

gunicorn (site/deploy/gunicorn.conf.py, production settings, two workers, Redis) serves a
copy of the demo (SQLite, or PostgreSQL under `make test-postgres`) while signed-in citizens
answer a consultation, comment and register for an event at the same time. Every POST is
held a moment before and after Django handles it (tests/deploy/inflight_wsgi.py, test code
only), so the kills land on requests in flight: during the burst a gunicorn worker that has
POSTs in flight is killed (SIGKILL; the master starts a new one) twice, and the task
worker (`manage.py db_worker`) is killed twice while it is handing a mail to the mail
server. How many requests each kill cut off is recorded (the in-flight files the dead worker
left, and the broken connections the citizens saw), and at least one must have been.
Afterwards every submission that got its success answer is in the database, and once the
task worker is started again every queued mail reaches the mail server (a small SMTP sink in
the test) and no task is left waiting or "running".
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.deploy.citizens import SmtpSink, form_fields
from tests.deploy.processes import ROOT, free_port, require, served_stack

pytestmark = pytest.mark.django_db

CITIZENS = 18
GUNICORN_KILLS = 2
FAILURES = []  # what the citizens saw when it did not go through (for the report)
BROKEN = Counter()  # requests whose connection broke before an answer, by method

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

STORED = {  # what the burst's citizens (new accounts: nothing else of theirs) have stored
    "responses": "select user_id from consultations_response where user_id in ({ids})",
    "comments": "select author_id from comments_comment where author_id in ({ids})",
    "registrations": "select user_id from events_registration where user_id in ({ids})",
}


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
        method = "GET"
        try:
            page = self.http.get(url, headers=headers, timeout=60)
            if page.status_code != 200:
                FAILURES.append((target["path"], "GET", page.status_code))
                return False
            data = form_fields(page.text, target["path"])
            data.update(fields or {})
            method = "POST"
            answer = self.http.post(
                url, data=data, headers=headers, timeout=60, allow_redirects=False
            )
            if answer.status_code != 302:
                errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]*)', answer.text)
                FAILURES.append((target["path"], "POST", answer.status_code, errors, data))
                return False
            method = "GET"
            return ok(answer, headers) if ok else True
        except requests.RequestException as error:
            if isinstance(error, requests.ConnectionError):  # the worker died under it
                BROKEN[method] += 1
            FAILURES.append((target["path"], method, type(error).__name__))
            return False

    def told_registered(self, answer, headers):
        shown = self.http.get(self.base + answer.headers["Location"], headers=headers, timeout=60)
        return shown.status_code == 200 and "message--success" in shown.text


def _state_and_parent(pid):
    """A process's state letter and parent id, or None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def dead(pid):
    found = _state_and_parent(pid)
    return found is None or found[0] in "ZX"


def gunicorn_workers(master):
    """The live workers of a gunicorn master (not one killed and not yet collected)."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            found = _state_and_parent(entry.name)
            if found and found[1] == master.pid and found[0] not in "ZX":
                workers.append(int(entry.name))
    return workers


def kill_a_busy_worker(master, inflight, seconds=30):
    """SIGKILL the gunicorn worker with the most POSTs in flight, as soon as one has some;
    what the requests it left in flight were doing when it died ("before" Django handled
    them, or "answered": committed but not yet sent), or None when no POST came."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        workers = set(gunicorn_workers(master))
        busy = Counter(
            pid for pid in (int(m.name.split("-")[0]) for m in inflight.iterdir()) if pid in workers
        )
        if busy:
            pid = busy.most_common(1)[0][0]
            os.kill(pid, signal.SIGKILL)
            while not dead(pid):
                time.sleep(0.01)
            phases = []
            for marker in inflight.glob(f"{pid}-*"):  # the dead cannot remove theirs
                with contextlib.suppress(OSError):  # empty: killed while writing it
                    phases.append((marker.read_text().split() or ["writing"])[0])
                marker.unlink(missing_ok=True)
            return phases
        time.sleep(0.01)
    return None


def task_statuses(stack):
    return [
        status for (status,) in stack.query("select status from django_tasks_database_dbtaskresult")
    ]


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker):
    require(redis=True)
    sink = SmtpSink()
    app_port = free_port()
    try:
        with served_stack(
            "hromada-lost-",
            django_db_blocker,
            SECRET_KEY="lost-test-not-secret-" + "x" * 40,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=sink.port,
            LOG_LEVEL="ERROR",
            WEB_CONCURRENCY=2,
        ) as stack:
            stack.sink, stack.port = sink, app_port
            stack.inflight = stack.workdir / "inflight"
            stack.inflight.mkdir()
            stack.env["HROMADA_TEST_INFLIGHT_DIR"] = str(stack.inflight)
            stack.start_redis()
            stack.master = stack.start_gunicorn(
                app_port, app="tests.deploy.inflight_wsgi:application"
            )
            yield stack
    finally:
        sink.close()


def start_task_worker(stack):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=stack.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_while_mailing(stack, task_worker):
    """Wait until `task_worker` is inside a mail task (the sink holds the mail), kill it."""
    assert stack.sink.stalled.wait(120), "no mail reached the mail server"
    task_worker.send_signal(signal.SIGKILL)
    task_worker.wait()
    stack.sink.stalled.clear()
    return "RUNNING" in task_statuses(stack)  # what the killed worker left behind


def test_killed_workers_lose_no_acknowledged_submission(served):
    stack, sink = served, served.sink
    out = stack.shell(SETUP.replace("COUNT", str(CITIZENS)))
    setup = json.loads(re.search(r"^SETUP (.*)$", out, re.M).group(1))
    base = f"http://127.0.0.1:{stack.port}"
    citizens = [Citizen(base, data, setup["cookie"], n) for n, data in enumerate(setup["citizens"])]
    told = {"responses": set(), "comments": set(), "registrations": set()}

    def one_citizen(citizen):
        if citizen.submit(setup["consultation"]):
            told["responses"].add(citizen.pk)
        text = {"text": f"Підтримую пропозицію, громадянин {citizen.pk}."}
        if citizen.submit(setup["comment"], text):
            told["comments"].add(citizen.pk)
        if citizen.submit(setup["event"], ok=citizen.told_registered):
            told["registrations"].add(citizen.pk)

    in_flight_at_kills = []  # per gunicorn kill: what its cut-off requests were doing
    left_running = []  # per task-worker kill: whether a task was left "running"
    sink.hold.set()  # the first mail handed over keeps the task worker busy
    task_worker = start_task_worker(stack)
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(one_citizen, citizen) for citizen in citizens]
            left_running.append(kill_while_mailing(stack, task_worker))
            for _ in range(GUNICORN_KILLS):
                phases = kill_a_busy_worker(stack.master, stack.inflight)
                if phases is None:  # the burst is over
                    break
                in_flight_at_kills.append(phases)
                while len(gunicorn_workers(stack.master)) < 2:  # the master replaced it
                    time.sleep(0.05)
            # The next task worker takes up the queue (the interrupted mail first) and is
            # killed while handing a mail over too.
            task_worker = start_task_worker(stack)
            left_running.append(kill_while_mailing(stack, task_worker))
            sink.hold.clear()
            for future in futures:
                future.result()
    finally:
        sink.hold.clear()
        if task_worker.poll() is None:
            task_worker.kill()
            task_worker.wait()

    record = (
        f"in flight at each gunicorn kill: {in_flight_at_kills}; broken connections the "
        f"citizens saw: {dict(BROKEN)}; task worker kills left a task running: {left_running}"
    )
    print(record)
    assert len(in_flight_at_kills) >= 2, record
    cut_off = sum(map(len, in_flight_at_kills))
    assert cut_off >= 1, record  # else the kills showed nothing
    assert BROKEN["POST"] >= cut_off, record  # each cut-off POST reached its citizen as such
    assert left_running == [True, True], record
    # Most submissions went through (the kills cost a few), and each kind was acknowledged.
    assert all(told.values()), (told, FAILURES[:3])
    assert sum(map(len, told.values())) >= CITIZENS

    ids = ", ".join(str(citizen.pk) for citizen in citizens)
    stored = {
        kind: {pk for (pk,) in stack.query(sql.format(ids=ids))} for kind, sql in STORED.items()
    }
    for kind, pks in told.items():
        missing = pks - stored[kind]
        assert not missing, f"{kind} acknowledged but not stored: citizens {sorted(missing)}"

    # The task worker comes back: every queued task runs, the interrupted ones included.
    task_worker = start_task_worker(stack)
    try:
        for _ in range(600):
            if not {"READY", "RUNNING"} & set(task_statuses(stack)):
                break
            time.sleep(0.1)
    finally:
        task_worker.send_signal(signal.SIGTERM)
        task_worker.wait(timeout=60)
    statuses = task_statuses(stack)
    assert statuses and set(statuses) == {"SUCCESSFUL"}, Counter(statuses)

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
