"""A standard page with every kind of body block, as a reader sees it."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.pages.models import StandardPage

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}


def _home(language):
    site = Site.objects.get(site_name="ternopil")
    return site.root_page.get_translations(inclusive=True).get(locale__language_code=language)


def _document():
    document = get_document_model()(
        title="Статут громади", site=Site.objects.get(site_name="ternopil")
    )
    document.file.save("statut.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def _path(page):
    return page.get_url_parts()[2]


def _publish(parent, **fields):
    page = parent.add_child(instance=StandardPage(**fields))
    page.save_revision().publish()
    return page


def _body(document, target):
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Як звернутися до ради", "level": "h2"}},
            {"type": "heading", "value": {"text": "Прийом громадян", "level": "h3"}},
            {"type": "paragraph", "value": "<p>Щовівторка з <b>9:00</b> до 13:00.</p>"},
            {"type": "quote", "value": {"text": "Рада відкрита.", "attribution": "Міський голова"}},
            {
                "type": "table",
                "value": {
                    "caption": "Графік прийому",
                    "table": {
                        "data": [["День", "Години"], ["Вівторок", "9–13"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            },
            {"type": "document", "value": {"document": document.pk, "label": ""}},
            {
                "type": "call_to_action",
                "value": {
                    "title": "Маєте питання?",
                    "text": "Напишіть нам.",
                    "button_label": "Написати",
                    "page": target.pk,
                    "url": "",
                },
            },
        ]
    )


def test_every_block_of_the_body_is_shown_in_order():
    home = _home("uk")
    target = Page.objects.child_of(home).live().order_by("path").first()
    document = _document()
    page = _publish(
        home,
        title="Звернення громадян",
        slug="zvernennia-hromadian",
        intro="Куди і коли звертатися.",
        body=_body(document, target),
    )
    response = Client().get(_path(page), headers=HOST)
    assert response.status_code == 200
    html = response.content.decode()
    article = re.search(r"<article>(.*?)</article>", html, re.S).group(1)
    assert "<h1>Звернення громадян</h1>" in article
    assert '<p class="lead">Куди і коли звертатися.</p>' in article
    expected_order = [
        "<h2>Як звернутися до ради</h2>",
        "<h3>Прийом громадян</h3>",
        "<b>9:00</b>",
        "<blockquote><p>Рада відкрита.</p></blockquote>",
        "<figcaption>Міський голова</figcaption>",
        "<caption>Графік прийому</caption>",
        '<th scope="col">День</th>',
        "<td>Вівторок</td>",
        f'<a href="{document.url}">Статут громади</a>',
        '<h2 class="cta__title">Маєте питання?</h2>',
        f'href="{_path(target)}">Написати</a>',
    ]
    positions = [article.find(fragment) for fragment in expected_order]
    assert -1 not in positions, [
        f for f, p in zip(expected_order, positions, strict=True) if p == -1
    ]
    assert positions == sorted(positions)
    assert "(PDF" in article


def test_a_page_without_intro_or_body_shows_its_title_only():
    page = _publish(_home("en"), title="Empty page", slug="empty-page-for-the-test")
    html = Client().get(_path(page), headers=HOST).content.decode()
    article = re.search(r"<article>(.*?)</article>", html, re.S).group(1)
    assert "<h1>Empty page</h1>" in article
    assert 'class="lead"' not in article
    assert '<html lang="en"' in html


def test_a_draft_standard_page_is_not_served():
    home = _home("uk")
    page = home.add_child(instance=StandardPage(title="Чернетка", slug="chernetka", live=False))
    assert Client().get(f"/uk/{page.slug}/", headers=HOST).status_code == 404
