"""The public thread: inert citizen text, caching, pagination, a fixed number of queries."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plugins.comments.models import Comment
from plugins.comments.tests.factories import make_citizen, make_comment, make_page, page_path
from plugins.comments.text import render_text

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "<div><b>broken <i>markup</p></span>",
    '"><svg onload=alert(1)>',
    "<style>body{display:none}</style>",
]


def get_page(page, client=None):
    return (client or Client()).get(page_path(page), headers={"host": "ternopil.localhost"})


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_in(html):
    parser = TagCollector()
    parser.feed(html)
    return parser.tags


def assert_inert(html, allowed=("p", "br", "a")):
    for tag, attrs in tags_in(html):
        assert tag in allowed, tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert not (attrs.get("href") or "").strip().lower().startswith("javascript"), attrs
        assert "style" not in attrs


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_inert(text):
    html = str(render_text(text))
    assert_inert(html)
    if "<" in text:
        assert "&lt;" in html


def test_hostile_comments_render_inert_on_the_page():
    page = make_page()
    author = make_citizen()
    for text in HOSTILE:
        make_comment(page, author, text)
    html = get_page(page).content.decode()
    texts = re.findall(r'<div class="comment__text">(.*?)</div>', html, re.S)
    assert len(texts) == len(HOSTILE)
    for text_html in texts:
        assert_inert(text_html)
    section = html[html.index('id="comments"') :]
    assert not [tag for tag, _ in tags_in(section) if tag in ("script", "img", "svg", "style")]
    assert "&lt;script&gt;alert" in section


def test_links_become_clickable_with_nofollow_ugc():
    html = str(render_text("See https://example.org/plan and www.example.com"))
    assert '<a href="https://example.org/plan" rel="nofollow ugc noopener">' in html
    assert 'href="http://www.example.com"' in html


def test_right_to_left_override_is_removed(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    text = "invoice\u202egnp.exe and \u2066isolate\u2069 \u200b"
    on_site("post", "ternopil", f"/uk/comments/{page.pk}/new/", {"text": text})
    stored = Comment.objects.get(page=page).text
    assert stored == "invoicegnp.exe and isolate"
    assert "\u202e" not in str(render_text("a\u202eb"))


def test_hundred_kilobytes_are_rejected_with_a_message(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    response = on_site("post", "ternopil", f"/uk/comments/{page.pk}/new/", {"text": "я" * 100_000})
    assert response.status_code == 400
    assert "5000" in response.content.decode()
    assert not Comment.objects.filter(page=page).exists()


def test_anonymous_thread_is_cacheable_and_has_no_form_or_token():
    page = make_page()
    make_comment(page, make_citizen(), "Public words")
    response = get_page(page)
    html = response.content.decode()
    assert "Public words" in html
    assert "csrfmiddlewaretoken" not in html and "<textarea" not in html
    assert f"/uk/comments/{page.pk}/new/" in html
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies


def test_signed_in_reader_gets_the_form_and_own_actions_uncached():
    page = make_page()
    citizen = make_citizen()
    comment = make_comment(page, citizen, "My own words")
    client = Client()
    client.force_login(citizen)
    response = get_page(page, client)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html and "<textarea" in html
    assert f"/uk/comments/{comment.pk}/edit/" in html
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_closed_page_shows_thread_without_form():
    page = make_page(policy="closed")
    make_comment(page, make_citizen(), "Said before closing")
    html = get_page(page).content.decode()
    assert "Said before closing" in html
    assert f'/uk/comments/{page.pk}/new/"' not in html


def test_hidden_page_shows_no_thread():
    page = make_page(policy="hidden")
    make_comment(page, make_citizen(), "Invisible")
    html = get_page(page).content.decode()
    assert 'id="comments"' not in html and "Invisible" not in html


def test_hidden_comment_leaves_a_placeholder_with_the_reason():
    from plugins.comments import services

    page = make_page()
    comment = make_comment(page, make_citizen(), "Rude words")
    services.hide(comment, None, "offensive")
    html = get_page(page).content.decode()
    assert "Rude words" not in html
    assert "comment__placeholder" in html
    assert "Образлив" in html or "Offensive" in html


def test_pagination_and_order_of_top_level_comments():
    page = make_page()
    author = make_citizen()
    for number in range(25):
        make_comment(page, author, f"Numbered comment {number:02d}")
    first = get_page(page).content.decode()
    assert "Numbered comment 24" in first and "Numbered comment 04" not in first
    Client_ = Client()
    path = page_path(page)
    second = Client_.get(
        f"{path}?comments_page=2", headers={"host": "ternopil.localhost"}
    ).content.decode()
    assert "Numbered comment 04" in second and "Numbered comment 24" not in second
    oldest = Client_.get(
        f"{path}?comments_order=oldest", headers={"host": "ternopil.localhost"}
    ).content.decode()
    assert oldest.index("Numbered comment 00") < oldest.index("Numbered comment 01")
    for bad in ("?comments_page=abc", "?comments_page=-5", "?comments_order=%00"):
        response = Client_.get(f"{path}{bad}", headers={"host": "ternopil.localhost"})
        assert response.status_code == 200


def _queries_to_render(page):
    get_page(page)
    with CaptureQueriesContext(connection) as queries:
        response = get_page(page)
    assert response.status_code == 200
    return len(queries)


def test_a_thousand_comments_render_in_a_fixed_number_of_queries():
    small, large = make_page(), make_page()
    authors = [make_citizen() for _ in range(20)]
    make_comment(small, authors[0], "only one")
    roots = Comment.objects.bulk_create(
        Comment(page=large, site=small.get_site(), author=authors[n % 20], text=f"Top {n}")
        for n in range(400)
    )
    replies = Comment.objects.bulk_create(
        Comment(
            page=large,
            site=small.get_site(),
            parent=roots[n % 400],
            depth=1,
            author=authors[n % 7],
            text=f"Reply {n}",
        )
        for n in range(400)
    )
    Comment.objects.bulk_create(
        Comment(
            page=large,
            site=small.get_site(),
            parent=replies[n % 400],
            depth=2,
            author=authors[n % 5],
            text=f"Deep reply {n}",
        )
        for n in range(200)
    )
    assert Comment.objects.filter(page=large).count() == 1000
    small_queries = _queries_to_render(small)
    large_queries = _queries_to_render(large)
    assert large_queries == small_queries
    assert large_queries <= 25
    html = get_page(large).content.decode()
    assert "1000" in html


def test_comment_count_tag_for_listings():
    from django.template import Context, Template

    page = make_page()
    author = make_citizen()
    make_comment(page, author)
    make_comment(page, author, status=Comment.Status.HIDDEN)
    rendered = Template("{% load comments_tags %}{% comment_count page %}").render(
        Context({"page": page})
    )
    assert rendered == "1"


def test_public_moderation_log_counts_reasons_without_content():
    from plugins.comments import services

    page = make_page()
    comment = make_comment(page, make_citizen(), "Secret rude text")
    services.hide(comment, None, "offensive")
    response = Client().get("/uk/comments/moderation/", headers={"host": "ternopil.localhost"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Secret rude text" not in html
    assert "<td>1</td>" in html


def test_page_links_keep_the_order_and_land_on_the_comments():
    page = make_page()
    author = make_citizen()
    for number in range(25):
        make_comment(page, author, f"Linked comment {number:02d}")
    path = page_path(page)
    client = Client()
    first = client.get(
        f"{path}?comments_order=oldest", headers={"host": "ternopil.localhost"}
    ).content.decode()
    assert '<a href="?comments_order=oldest&amp;comments_page=2#comments" rel="next">' in first
    assert (
        '<a href="?comments_order=oldest&amp;comments_page=1#comments" aria-current="page">'
        in first
    )
    second = client.get(
        f"{path}?comments_page=2", headers={"host": "ternopil.localhost"}
    ).content.decode()
    assert '<a href="?comments_order=newest&amp;comments_page=1#comments" rel="prev">' in second
