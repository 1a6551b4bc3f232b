"""The page store: which answers go in (exactly those nginx would send with the same
headers), where, and how they leave (purges, the render that overlapped a change, age).
nginx serving the store is tested in tests/deploy."""

import gzip
import os
import time

import pytest
from django.core.cache import cache

from cms.frontcache import purging, store
from cms.frontcache.models import PendingPurge
from cms.frontcache.records import forget_expired

pytestmark = pytest.mark.django_db

HOST = "ternopil.localhost"
NEWS = "/uk/novyny/"
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def kept(settings, tmp_path):
    """The store on, with production's HTTPS headers (as nginx-stored-pages.conf has them)."""
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"
    settings.FRONT_PAGE_STORE = str(tmp_path / "pages")
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.PAGE_CACHE_SECONDS = 300
    cache.delete(purging.CHANGED_AT)
    store.served_headers.cache_clear()
    yield tmp_path / "pages" / HOST
    store.served_headers.cache_clear()


def fetch(client, path, **extra):
    headers = {"HTTP_ACCEPT_ENCODING": "gzip", "HTTP_X_FRONT_CACHE_KEY": HOST + path, **HTTPS}
    return client.get(path, HTTP_HOST=HOST, **{**headers, **extra})


def test_the_shipped_headers_are_the_ones_django_sends_so_a_page_is_stored(client, kept):
    response = fetch(client, NEWS)
    stored = kept / "uk" / "novyny" / "index.html.gz"
    assert response.status_code == 200 and stored.exists()
    assert stored.read_bytes() == response.content
    assert "<h1" in gzip.decompress(stored.read_bytes()).decode()
    assert oct(stored.stat().st_mode & 0o777) == "0o644"


def test_an_answer_with_other_headers_stays_out_of_the_store(client, kept, settings, caplog):
    settings.SECURE_HSTS_PRELOAD = False  # changed in the environment, not in nginx
    store._told.clear()
    assert fetch(client, NEWS).status_code == 200
    fetch(client, "/uk/")
    told = [r.getMessage() for r in caplog.records if r.name == store.__name__]
    assert len(told) == 1 and "strict-transport-security" in told[0]  # once per process
    settings.SECURE_HSTS_PRELOAD = True
    fetch(client, NEWS, HTTP_ACCEPT_ENCODING="identity")  # not compressed
    fetch(client, NEWS + "?page=2/3")  # a query nginx does not look for (a `/`)
    fetch(client, NEWS[:-1])  # not ending in /
    assert not kept.exists()


def test_nothing_is_stored_without_a_front_cache_key_or_a_store(client, kept, settings):
    client.get(NEWS, HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip", **HTTPS)
    settings.FRONT_PAGE_STORE = ""
    fetch(client, NEWS)
    assert not kept.exists()


def test_a_page_rendered_while_a_change_was_purged_is_kept_by_no_cache(client, kept, monkeypatch):
    real = purging.changed_since

    def change_during_render(moment):
        cache.set(purging.CHANGED_AT, time.time(), None)
        return real(moment)

    monkeypatch.setattr(purging, "changed_since", change_during_render)
    response = fetch(client, NEWS)
    assert response.status_code == 200
    assert "s-maxage=0" in response["Cache-Control"]
    assert not kept.exists()
    # The next render, after the change, is kept again.
    monkeypatch.setattr(purging, "changed_since", real)
    assert "s-maxage=300" in fetch(client, NEWS)["Cache-Control"]
    assert (kept / "uk" / "novyny" / "index.html.gz").exists()


def test_a_purge_drops_the_stored_page(client, kept, django_capture_on_commit_callbacks):
    fetch(client, NEWS)
    stored = kept / "uk" / "novyny" / "index.html.gz"
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        purging.queue_tags({f"page-{_news_index_id()}"})
    assert PendingPurge.objects.filter(key=HOST + NEWS).exists()
    purging.send_due()  # nothing listens at the endpoint: the file goes all the same
    assert not stored.exists()


def _news_index_id():
    from wagtail.models import Page

    return Page.objects.get(url_path="/ternopil/novyny/").pk


def test_old_pages_and_left_temporary_files_are_swept(client, kept):
    fetch(client, "/uk/")
    fetch(client, NEWS)
    old, fresh = kept / "uk" / "index.html.gz", kept / "uk" / "novyny" / "index.html.gz"
    left = kept / "uk" / ".page-left"
    left.write_bytes(b"x")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(left, (hour_ago, hour_ago))
    forget_expired()
    assert fresh.exists() and not old.exists() and not left.exists()


def test_a_filtered_listing_is_stored_under_its_query_and_purged_with_its_page(
    client, kept, django_capture_on_commit_callbacks
):
    query = "page=1&tag=%D0%B2%D0%BE%D0%B4%D0%B0"  # as a browser sends it: encoded
    response = fetch(client, NEWS + "?" + query)
    stored = kept / "uk" / "novyny" / f"index.{query}.html.gz"
    assert response.status_code == 200 and stored.read_bytes() == response.content
    assert not (kept / "uk" / "novyny" / "index.html.gz").exists()  # the unfiltered page's
    with django_capture_on_commit_callbacks(execute=True):
        purging.queue_tags({f"page-{_news_index_id()}"})
    purging.send_due()
    assert not stored.exists()


def test_a_request_whose_query_is_not_its_keys_is_not_stored(client, kept):
    fetch(client, NEWS + "?page=2", HTTP_X_FRONT_CACHE_KEY=HOST + NEWS + "?page=3")
    fetch(client, NEWS + "?page=2", HTTP_X_FRONT_CACHE_KEY=HOST + NEWS)
    assert not kept.exists()


@pytest.mark.parametrize(
    "key",
    [
        HOST + "/uk/novyny/?page=2/../../x",
        HOST + "/uk/novyny/?q=a b",
        HOST + "/uk/novyny/?q=" + "a" * 199,
        HOST + "/uk/novyny/?",
        HOST + "/sitemap.xml",
        HOST + "/uk//novyny/",
        HOST + "/uk/%2E%2E/novyny/",
        HOST + "/uk/a%00b/",
        "/uk/",
        "..",
    ],
)
def test_keys_that_name_no_stored_page(kept, key):
    assert store.file_for(key) is None


def test_a_key_names_its_decoded_path_under_its_host_and_its_raw_query(kept):
    path = store.file_for("Ternopil.localhost/uk/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/")
    assert path == kept / "uk" / "новини" / "index.html.gz"
    path = store.file_for(HOST + "/uk/hledat/?q=%D0%B2+a.b_c-d&page=2")
    assert path == kept / "uk" / "hledat" / "index.q=%D0%B2+a.b_c-d&page=2.html.gz"
