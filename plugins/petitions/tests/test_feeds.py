"""RSS per status: valid feeds a reader can subscribe to, public petitions only."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from plugins.petitions.tests.reading import index_for, list_path, make_petition

pytestmark = pytest.mark.django_db


def _feed(get, index, status):
    response = get("ternopil", list_path(index) + f"feed/{status}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_each_status_has_a_valid_feed_of_its_petitions(get):
    index = index_for()
    collecting = make_petition(index, "collecting", title="Збираємо підписи в RSS")
    answered = make_petition(index, "answered", title="Відповідь у RSS", answer="Так, зробимо.")
    make_petition(index, "pending", title="Не для RSS")
    make_petition(index, "refused", title="Відхилена для RSS")

    feed = _feed(get, index, "collecting")
    titles = [entry.title for entry in feed.entries]
    assert collecting.title in titles
    assert answered.title not in titles
    assert feed.feed.language == "uk"
    entry = next(e for e in feed.entries if e.title == collecting.title)
    assert re.search(rf"/petytsii/{collecting.pk}(-[-\w]*)?/$", entry.link)
    assert entry.id == f"urn:uuid:{collecting.public_id}"

    feed = _feed(get, index, "answered")
    entry = next(e for e in feed.entries if e.title == answered.title)
    assert "Так, зробимо." in entry.summary

    for status in ("consideration", "failed", "overdue"):
        _feed(get, index, status)
    everything = b"".join(
        get("ternopil", list_path(index) + f"feed/{s}/").content
        for s in ("collecting", "consideration", "failed", "answered", "overdue")
    ).decode()
    assert "Не для RSS" not in everything and "Відхилена для RSS" not in everything


def test_overdue_feed_and_unknown_status(get):
    index = index_for()
    late = make_petition(
        index,
        "consideration",
        title="Прострочена RSS",
        answer_due_at=timezone.now() - timedelta(days=2),
    )
    on_time = make_petition(index, "consideration", title="Вчасна RSS")
    titles = [entry.title for entry in _feed(get, index, "overdue").entries]
    assert late.title in titles and on_time.title not in titles
    assert get("ternopil", list_path(index) + "feed/pending/").status_code == 404
    assert get("ternopil", list_path(index) + "feed/refused/").status_code == 404


def test_control_characters_and_markup_in_a_title_do_not_break_the_feed(get):
    index = index_for()
    make_petition(
        index, "collecting", title="Bell\x07 <script>alert(1)</script>", request="<b>x</b>"
    )
    feed = _feed(get, index, "collecting")
    entry = next(e for e in feed.entries if e.title.startswith("Bell"))
    assert "<script>" not in entry.summary and "<b>" not in entry.summary


def test_the_list_advertises_the_feeds(get):
    index = index_for()
    html = get("ternopil", list_path(index)).content.decode()
    assert 'type="application/rss+xml"' in html
    assert "feed/collecting/" in html and "feed/answered/" in html
