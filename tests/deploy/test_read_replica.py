"""A real PostgreSQL read replica (issue 15, cms/ops/replica.py): a hot standby made with
`pg_basebackup -R` from the test database's server streams a copy of the demo; gunicorn
(production settings) is given it as DATABASE_REPLICA_URL. With replay paused on the
replica, what each visitor sees tells where it was read: an anonymous reader reads the
replica, a signed-in citizen the primary, a citizen who has just answered a consultation
without signing in reads back their own answer at once, and with the replica stopped every
reader gets the primary's pages. Runs under `make test-postgres`."""

import json
import re

import pytest
import requests

from cms.ops.tests.services import wait_for
from tests.deploy.citizens import SmtpSink, form_fields, mail_links
from tests.deploy.processes import StreamingReplica, free_port, require, served_stack

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SETUP = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from plugins.consultations.models import ConsultationPage, ConsultationStatus, Respondents

page = next(p for p in ConsultationPage.objects.live().order_by("pk")
            if p.status() == ConsultationStatus.OPEN)
page.respondents = Respondents.EMAIL
page.save(update_fields=["respondents"])
user = get_user_model().objects.create_user("replica-reader", "reader@example.org", "x-9f2k")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print("SETUP " + json.dumps({
    "id": page.pk, "title": page.title, "host": page.get_site().hostname,
    "url": page.get_url_parts()[2],
    "respond": f"/{page.locale.language_code}/consultations/{page.pk}/respond/",
    "cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key,
}))
"""


@pytest.fixture(scope="module")
def replicated(django_db_setup, django_db_blocker):
    require()
    sink = SmtpSink()
    replica = StreamingReplica()
    app_port = free_port()
    try:
        with served_stack(
            "hromada-replica-",
            django_db_blocker,
            TASKS_BACKEND="immediate",  # the confirmation mail leaves with the answer
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=sink.port,
            REPLICA_RETRY_SECONDS=1,
            REPLICA_PIN_SECONDS=300,  # however slow this machine is between two requests
            LOG_LEVEL="WARNING",
        ) as stack:
            out = stack.shell(SETUP)
            stack.page = json.loads(re.search(r"^SETUP (.*)$", out, re.M).group(1))
            with django_db_blocker.unblock():
                replica.init()
            stack.env["DATABASE_REPLICA_URL"] = replica.url_of(stack.env["DATABASE_URL"])
            stack.replica, stack.sink, stack.port = replica, sink, app_port
            stack.start_gunicorn(app_port)
            yield stack
    finally:
        replica.close()
        sink.close()


def visit(stack, path, session=None, **kwargs):
    """A request to gunicorn on the consultation's host, as a new visitor unless `session`."""
    http = session or requests.Session()
    return http.request(
        kwargs.pop("method", "GET"),
        f"http://127.0.0.1:{stack.port}{path}",
        headers={"Host": stack.page["host"]},
        timeout=60,
        allow_redirects=False,
        **kwargs,
    )


def signed_in(stack):
    http = requests.Session()
    http.cookies.set(stack.page["cookie"], stack.page["session"])
    return http


def retitle(stack, title):
    """A change made on the primary (as an editor's publish reaches the database, with the
    page frame's new token: cms.core.chrome)."""
    stack.shell(
        "from wagtail.models import Page\n"
        "from cms.core.chrome import replace_token\n"
        f"Page.objects.filter(pk={stack.page['id']}).update(title={title!r})\n"
        "replace_token()\n"
    )


def test_anonymous_readers_read_the_replica_signed_in_citizens_the_primary(replicated):
    stack, replica, page = replicated, replicated.replica, replicated.page
    assert page["title"] in visit(stack, page["url"]).text
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        retitle(stack, "Replica test primary title")
        assert "primary title" in visit(stack, page["url"], signed_in(stack)).text
        # The replica has not replayed the change: the anonymous reader sees the old title.
        anonymous = visit(stack, page["url"])
        assert anonymous.status_code == 200
        assert page["title"] in anonymous.text and "primary title" not in anonymous.text
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    # Streaming catches up: the anonymous reader gets the change from the replica.
    assert wait_for(lambda: "primary title" in visit(stack, page["url"]).text)


def test_a_citizen_reads_back_their_own_answer_at_once(replicated):
    stack, replica, page = replicated, replicated.replica, replicated.page
    replica.sql("SELECT pg_wal_replay_pause()")  # the replica lags behind from here on
    citizen = requests.Session()
    form = visit(stack, page["respond"], citizen)
    assert form.status_code == 200
    fields = form_fields(form.text, page["respond"]) | {"email": "anonymous@example.org"}
    sent = visit(stack, page["respond"], citizen, method="POST", data=fields)
    assert sent.status_code == 302, sent.text[-2000:]
    assert "check-email" in sent.headers["Location"]
    assert stack.page["cookie"] not in citizen.cookies  # no session: pinned by the answer
    # The answer was written to the primary (the replica cannot be written to).
    links = [
        link
        for _to, body in stack.sink.mails
        for link in mail_links(body, r"https?://[^\s\"<>]+/consultations/confirm/[^\s\"<>]+")
    ]
    assert len(links) == 1, stack.sink.mails
    confirm = "/" + links[0].split("/", 3)[3]
    # The same browser follows the link at once: the pending answer is read where it was
    # written, although the replica does not have it yet.
    assert visit(stack, confirm).status_code == 404  # a new visitor reads the replica
    shown = visit(stack, confirm, citizen)
    assert shown.status_code == 200
    done = visit(stack, confirm, citizen, method="POST", data=form_fields(shown.text, confirm))
    assert done.status_code == 302 and "/receipt/" in done.headers["Location"]
    receipt = visit(stack, done.headers["Location"], citizen)
    assert receipt.status_code == 200
    assert visit(stack, done.headers["Location"]).status_code == 404  # not on the replica yet
    stack.receipt = done.headers["Location"]


def test_with_the_replica_stopped_reads_fall_back_to_the_primary(replicated):
    stack, replica = replicated, replicated.replica
    receipt = getattr(stack, "receipt", None)
    assert receipt, "needs the answer of the test before"
    replica.stop()
    answer = visit(stack, receipt)  # a new visitor: was the replica's 404
    assert answer.status_code == 200
    for _ in range(3):
        assert visit(stack, stack.page["url"]).status_code == 200
    log = (stack.workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
    assert log.count("The read replica cannot be reached") == 1  # not once per request
    # The replica comes back and anonymous readers read it again.
    replica.start()
    replica.sql("SELECT pg_wal_replay_pause()")
    retitle(stack, "Replica test title while paused")
    assert wait_for(lambda: "primary title" in visit(stack, stack.page["url"]).text)
