"""Behind the shipped nginx: a consultation closing on its date is shown closed after one
scheduler run, every answer (a cache hit too) has its own request id, and with the immediate
task backend a hanging cache never holds up a publish."""

import http.client
import re
import time

import pytest

from tests.deploy.conftest import HangingEndpoint

pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"
OPEN_CONSULTATION = """
from django.utils import timezone
from wagtail.models import Locale
from plugins.consultations.models import ConsultationPage
page = next(
    c for c in ConsultationPage.objects.live().filter(locale=Locale.objects.get(language_code="uk"))
    if c.url_path.startswith("/ternopil/") and c.status() == "open"
)
print("PAGE", page.pk, "/uk" + page.url_path[len("/ternopil"):])
print("INDEX", "/uk" + page.get_parent().url_path[len("/ternopil"):])
"""


def _lines(output, label):
    return [line.split()[1:] for line in output.splitlines() if line.startswith(label + " ")]


def _listed_as_closed(index_html, path):
    closed_at = index_html.index('id="consultations-closed"')
    return index_html.index(path) > closed_at


def test_a_consultation_closing_on_its_date_is_closed_everywhere_after_one_scheduler_run(stack):
    found = stack.shell(OPEN_CONSULTATION)
    (pk, path), ((index,),) = _lines(found, "PAGE")[0], _lines(found, "INDEX")
    stack.manage("send_front_cache_purges")  # a scheduler run: remembers when it ran
    unrelated = "/uk/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"
    shown = [path, index, "/uk/", unrelated]
    for url in shown:
        stack.warm(TE, url)
    assert "consultation-status--open" in stack.get(TE, path).text
    assert not _listed_as_closed(stack.get(TE, index).text, path)

    # The closing time passes (between the previous run and now), with nothing saved: the
    # closing time is written behind the models' back, and the application's own caches
    # (cms.core.chrome) renewed as if the page had carried it all along; nothing is purged.
    stack.shell(
        f"""
from django.utils import timezone
from cms.core.chrome import replace_token
from cms.frontcache.models import MomentSweep
from plugins.consultations.models import ConsultationPage
last_run = MomentSweep.objects.get().swept_until
now = timezone.now()
ConsultationPage.objects.filter(pk={pk}).update(closes_at=last_run + (now - last_run) / 2)
replace_token()
"""
    )
    stale = stack.get(TE, path)
    assert stale.cache == "HIT" and "consultation-status--open" in stale.text

    stack.manage("send_front_cache_purges")  # the next scheduler run
    page = stack.get(TE, path)
    assert page.cache != "HIT"
    assert "consultation-status--closed" in page.text
    listing = stack.get(TE, index)
    assert listing.cache != "HIT" and _listed_as_closed(listing.text, path)
    # The home page lists open consultations: it is dropped and no longer lists this one.
    home = stack.get(TE, "/uk/")
    assert home.cache != "HIT" and path not in home.text
    # A news article shows no consultation: it is not dropped for this.
    assert stack.get(TE, unrelated).cache == "HIT"


def test_every_hit_of_a_cached_page_has_its_own_request_id(stack):
    first = stack.warm(TE, "/uk/")
    second = stack.get(TE, "/uk/")
    assert first.cache == second.cache == "HIT"
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    # nginx's: the time, the connection's serial number, the request's number on it
    assert all(re.fullmatch(r"\d{10}\.\d{3}-\d+-\d+", value) for value in ids)
    assert ids[0] != ids[1]
    # Hits in a row on one kept-alive connection and on new connections, within milliseconds
    seen = []
    for requests_per_connection in (20, 1, 1, 1, 1, 1):
        conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
        try:
            for _ in range(requests_per_connection):
                conn.request("GET", "/uk/", headers={"Host": TE})
                response = conn.getresponse()
                response.read()
                named = [v for n, v in response.getheaders() if n.lower() == "x-request-id"]
                assert len(named) == 1  # nginx's only, never the cached one beside it
                seen.append(named[0])
        finally:
            conn.close()
    assert len(set(seen + ids)) == len(seen) + len(ids) == 27


def test_django_logs_under_the_id_nginx_gave_the_request(stack):
    missing = stack.get(TE, "/uk/no-such-page-for-the-request-id/")
    assert missing.status == 404
    request_id = missing.headers["x-request-id"]
    log = (stack.workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
    assert request_id in log  # the ops middleware kept nginx's id for the log line


def test_a_hit_is_logged_by_nginx_under_its_id(stack):
    """Django never sees a cache hit: nginx's access log has its line, ending with where it
    came from (the page store, or nginx's cache for a query the store does not keep: a `/`
    in it) and the id."""
    stored = stack.warm(TE, "/uk/")
    assert stored.stored
    assert _logged(stack, stored, "/uk/").endswith(f" STORE {stored.headers['x-request-id']}")
    hit = stack.warm(TE, "/uk/?hromada=log/x")
    assert not hit.stored
    assert _logged(stack, hit, "/uk/?hromada=log/x").endswith(f" HIT {hit.headers['x-request-id']}")


def _logged(stack, answer, path):
    """The access log's line of `answer` (checked to be Django-free)."""
    request_id = answer.headers["x-request-id"]
    log = stack.workdir / "nginx" / "access.log"
    lines, deadline = [], time.monotonic() + 15  # written in blocks, at the latest after 5 s
    while not lines and time.monotonic() < deadline:
        time.sleep(0.5)
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        lines = [line for line in text.splitlines() if line.endswith(" " + request_id)]
    assert len(lines) == 1, f"{request_id} not in {log}"
    assert f'"GET {path} HTTP/1.1" 200 ' in lines[0]
    assert request_id not in (stack.workdir / "gunicorn.log").read_text(encoding="utf-8")
    return lines[0]


PUBLISH_WHILE_HANGING = """
import threading
from wagtail.models import Page
from cms.frontcache.models import PendingPurge

page = Page.objects.get(url_path="/ternopil/events/shkola-e-demokratii/").specific
page.title = "Школа під час збою кешу"
publisher = threading.Thread(target=lambda: page.save_revision().publish())
publisher.start()
publisher.join(timeout=120)
print("PUBLISH_RETURNED", not publisher.is_alive())
purging = [t for t in threading.enumerate() if t.name == "frontcache-purge"]
print("PURGE_STILL_WAITING", any(t.is_alive() for t in purging))
for thread in purging:
    thread.join(timeout=120)
for row in PendingPurge.objects.order_by("id"):
    print("ROW", row.attempts, row.last_error)
"""


def test_with_the_immediate_backend_a_hanging_cache_never_holds_up_publish(stack):
    event = "/uk/events/shkola-e-demokratii/"
    stack.warm(TE, event)
    hanging = HangingEndpoint()
    try:
        out = stack.shell(
            PUBLISH_WHILE_HANGING,
            env={
                "TASKS_BACKEND": "immediate",
                "FRONTEND_CACHE_URL": f"http://127.0.0.1:{hanging.port}",
                "FRONT_CACHE_TIMEOUT": "15",
            },
        )
        assert "PUBLISH_RETURNED True" in out
        # publish() returned while the purge was still waiting on the stuck cache.
        assert "PURGE_STILL_WAITING True" in out
        assert hanging.accepted
        rows = _lines(out, "ROW")
        assert rows
        assert all(attempts == "1" and "timed out" in " ".join(error) for attempts, *error in rows)
        assert stack.get(TE, event).cache == "HIT"  # the stale copy, until the retry
    finally:
        hanging.close()

    stack.shell(
        "from django.utils import timezone\nfrom cms.frontcache.models import PendingPurge\n"
        "PendingPurge.objects.update(next_attempt_at=timezone.now())\n"
    )
    stack.manage("send_front_cache_purges")  # the retry, once the cache answers
    answer = stack.get(TE, event)
    assert answer.cache != "HIT" and "Школа під час збою кешу" in answer.text
