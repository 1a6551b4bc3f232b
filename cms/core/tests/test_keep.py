"""`{% keep %}` (cms.core.templatetags.core_tags): HTML rendered once per page frame token,
language and parts. The news index keeps its content that way: tests in cms/news/tests
(test_index.py) and tests/test_comment_threads.py show what changes it."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from cms.core.chrome import replace_token

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load core_tags %}{% keep "test" part %}<p>{{ shown }}</p>{% endkeep %}<i>{{ shown }}</i>'
)


def _render(shown, part, request=None):
    request = request or RequestFactory().get("/")
    return TEMPLATE.render(Context({"shown": shown, "part": part, "request": request}))


def test_the_enclosed_html_is_kept_for_its_parts_and_renewed_with_the_token():
    replace_token()
    assert _render("first", 1) == "<p>first</p><i>first</i>"
    # Kept: what it shows comes from the first rendering while the parts are the same.
    assert _render("second", 1) == "<p>first</p><i>second</i>"
    assert _render("second", 2) == "<p>second</p><i>second</i>"
    replace_token()  # any change of the frame (a page published, a menu saved...)
    assert _render("third", 1) == "<p>third</p><i>third</i>"


def test_each_language_has_its_own_copy():
    replace_token()
    with translation.override("uk"):
        assert _render("українською", 1).startswith("<p>українською</p>")
    with translation.override("sk"):
        assert _render("po slovensky", 1).startswith("<p>po slovensky</p>")
    with translation.override("uk"):
        assert _render("інше", 1).startswith("<p>українською</p>")


def test_a_part_that_is_none_and_a_preview_are_never_kept():
    replace_token()
    assert _render("first", None).startswith("<p>first</p>")
    assert _render("second", None).startswith("<p>second</p>")
    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert _render("draft", 5, preview).startswith("<p>draft</p>")
    assert _render("published", 5).startswith("<p>published</p>")
