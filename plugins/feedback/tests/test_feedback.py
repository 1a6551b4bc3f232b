""" "Was this page useful?": the question on cacheable content pages, the answer form,
throttling, what is stored, and the editors' report."""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Page

from plugins.feedback.models import PageFeedback

pytestmark = pytest.mark.django_db

ARTICLE_SITE = "ternopil"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _content_page(language="uk"):
    """A live standard page of Ternopil in `language` and its path."""
    page = (
        Page.objects.live()
        .filter(locale__language_code=language, depth__gt=2, url_path__startswith="/")
        .type(_standard_page_model())
        .order_by("path")
        .first()
        .specific
    )
    return page, page.get_url_parts()[2]


def _standard_page_model():
    from django.apps import apps

    return apps.get_model("pages", "StandardPage")


def _answer_url(html):
    found = re.search(r'<form method="get" action="([^"]+)" class="page-feedback__form"', html)
    return found.group(1) if found else None


def _csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_content_page_asks_without_token_or_cookie_and_stays_cacheable(get):
    page, path = _content_page()
    response = get(ARTICLE_SITE, path)
    html = response.content.decode()
    assert "Чи була ця сторінка корисною?" in html
    assert _answer_url(html) == f"/uk/feedback/{page.pk}/"
    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in response.headers
    assert "s-maxage=" in response["Cache-Control"]


def test_home_page_does_not_ask(get):
    assert _answer_url(get(ARTICLE_SITE, "/uk/").content.decode()) is None


def test_answer_with_comment_is_stored_without_anything_personal(client):
    page, path = _content_page()
    host = {"host": "ternopil.localhost"}
    form = client.get(f"/uk/feedback/{page.pk}/?answer=no", headers=host)
    html = form.content.decode()
    assert form.status_code == 200
    assert "no-cache" in form["Cache-Control"] or "private" in form["Cache-Control"]
    assert re.search(r'<input type="radio" name="answer" value="no"[^>]* checked', html)
    response = client.post(
        f"/uk/feedback/{page.pk}/",
        {
            "csrfmiddlewaretoken": _csrf(html),
            "answer": "no",
            "comment": "  Бракує\u202e графіка прийому \x07 ",
        },
        headers=host,
    )
    assert response.status_code == 302
    thanks = client.get(response["Location"], headers=host)
    assert "Дякуємо" in thanks.content.decode()
    saved = PageFeedback.objects.get(page=page)
    assert (saved.useful, saved.language, saved.comment) == (False, "uk", "Бракує графіка прийому")
    stored = {field.name for field in PageFeedback._meta.get_fields()}
    assert stored == {"id", "page", "language", "useful", "comment", "created_on"}


def test_post_without_csrf_token_is_refused(client):
    page, _ = _content_page()
    client = type(client)(enforce_csrf_checks=True)
    response = client.post(
        f"/uk/feedback/{page.pk}/", {"answer": "yes"}, headers={"host": "ternopil.localhost"}
    )
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_bad_input_gets_a_translated_error_and_saves_nothing(client):
    page, _ = _content_page()
    host = {"host": "ternopil.localhost"}
    response = client.post(
        f"/uk/feedback/{page.pk}/", {"answer": "maybe", "comment": "x" * 501}, headers=host
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Виправте, будь ласка" in html
    assert not PageFeedback.objects.exists()


def test_answers_are_throttled_per_client(client, settings):
    settings.FEEDBACK_ANSWERS_PER_HOUR = 2
    page, _ = _content_page()
    host = {"host": "ternopil.localhost"}
    codes = [
        client.post(f"/uk/feedback/{page.pk}/", {"answer": "yes"}, headers=host).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert PageFeedback.objects.filter(page=page).count() == 2
    other = client.post(
        f"/uk/feedback/{page.pk}/", {"answer": "yes"}, headers=host, REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302


def test_other_sites_pages_and_other_languages_are_not_found(client):
    page, _ = _content_page()
    assert (
        client.get(f"/uk/feedback/{page.pk}/", headers={"host": "levski.localhost"}).status_code
        == 404
    )
    assert (
        client.get(f"/en/feedback/{page.pk}/", headers={"host": "ternopil.localhost"}).status_code
        == 404
    )


def test_editors_see_counts_and_comments_per_page(admin_client):
    page, _ = _content_page()
    PageFeedback.objects.create(page=page, language="uk", useful=True)
    PageFeedback.objects.create(page=page, language="uk", useful=False, comment="Де розклад?")
    report = admin_client.get("/admin/feedback/").content.decode()
    assert page.title in report
    assert re.search(r"<td>uk</td><td>1</td><td>1</td><td>1</td>", report)
    detail = admin_client.get(f"/admin/feedback/page/{page.pk}/").content.decode()
    assert "Де розклад?" in detail


def test_a_site_whose_profile_does_not_list_feedback_neither_asks_nor_accepts(
    get, client, tmp_path, monkeypatch
):
    from cms.core import profiles

    for source in profiles.PROFILE_DIR.glob("*.toml"):
        text = source.read_text(encoding="utf-8")
        if source.stem == "ternopil":
            text = re.sub(r"^plugins = .*$", 'plugins = ["comments"]', text, flags=re.M)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(profiles, "PROFILE_DIR", tmp_path)
    profiles.all_profiles.cache_clear()
    try:
        page, path = _content_page()
        assert _answer_url(get(ARTICLE_SITE, path).content.decode()) is None
        response = client.post(
            f"/uk/feedback/{page.pk}/", {"answer": "yes"}, headers={"host": "ternopil.localhost"}
        )
        assert response.status_code == 404
        assert not PageFeedback.objects.exists()
    finally:
        profiles.all_profiles.cache_clear()
