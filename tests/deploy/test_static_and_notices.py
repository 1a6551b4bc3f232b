"""Through the shipped nginx and production settings: static files have hashed names, are
kept for a year and sent compressed; an emergency notice reaches every cached page of its
site (and only its site) once the task worker has run, and leaves as fast."""

import gzip
import http.client
import re

import pytest

pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"
LEVSKI = "levski.localhost"
ARTICLE = "/uk/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"
NOTICE = "Повітряна тривога! Пройдіть до укриття."
SWITCH = """
from wagtail.models import Site
from cms.alerts.models import EmergencyNotice, NoticeText
notice = EmergencyNotice.objects.filter(site__site_name="ternopil").first()
if notice is None:
    notice = EmergencyNotice.objects.create(
        site=Site.objects.get(site_name="ternopil"), severity="critical", active=True
    )
    NoticeText.objects.create(notice=notice, language="uk", message="{message}")
else:
    notice.active = {active}
    notice.save()
"""


def test_static_files_have_hashed_names_a_year_of_caching_and_gzip(stack):
    html = stack.get(TE, "/uk/").text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page does not link the hashed stylesheet"
    answer = stack.get(TE, css.group(1), headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert "max-age=31536000" in answer.headers["cache-control"]
    assert "immutable" in answer.headers["cache-control"]
    assert answer.headers.get("content-encoding") == "gzip"
    plain = stack.get(TE, css.group(1), headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text.startswith("/*")
    assert gzip.decompress(gzipped_body(stack, css.group(1))) == plain.text.encode()


def gzipped_body(stack, path):
    conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": TE, "Accept-Encoding": "gzip"})
        return conn.getresponse().read()
    finally:
        conn.close()


def test_a_notice_reaches_every_cached_page_of_its_site_and_leaves_as_fast(stack):
    ternopil = [(TE, "/uk/"), (TE, ARTICLE), (TE, "/en/"), (TE, "/uk/novyny/")]
    elsewhere = [(LEVSKI, "/bg/"), ("banska-bystrica.localhost", "/sk/")]
    for host, path in [*ternopil, *elsewhere]:
        stack.warm(host, path)

    stack.shell(SWITCH.format(message=NOTICE, active=True))
    stack.work()
    for host, path in ternopil:
        answer = stack.get(host, path)
        assert answer.cache != "HIT", f"{host}{path} is still the cached copy"
        assert NOTICE in answer.text, f"{host}{path} does not show the notice"
    for host, path in elsewhere:
        assert stack.get(host, path).cache == "HIT", f"{host}{path} was dropped"

    for host, path in ternopil:
        stack.warm(host, path)
    stack.shell(SWITCH.format(message=NOTICE, active=False))
    stack.work()
    for host, path in ternopil:
        answer = stack.get(host, path)
        assert NOTICE not in answer.text, f"{host}{path} still shows the notice"
