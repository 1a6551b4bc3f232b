"""The footer is rich text: what its editor offers is shown, anything else never reaches HTML."""

import re

import pytest
from django.test import Client
from wagtail.models import Locale, Page, Site

from cms.navigation.models import Footer

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}


def footer_html(text):
    site = Site.objects.get(hostname="ternopil.localhost")
    uk = Locale.objects.get(language_code="uk")
    Footer.objects.update_or_create(site=site, locale=uk, defaults={"text": text, "live": True})
    html = Client().get("/uk/", headers=HOST).content.decode()
    return re.search(r'<div class="site-footer__text">(.*?)</div>', html, re.S).group(1)


def test_hostile_markup_in_the_footer_is_never_emitted():
    html = footer_html(
        "<p>Open <script>alert(1)</script><b>daily</b>"
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)" onclick="alert(4)">x</a>'
        '<iframe src="https://evil.example/"></iframe><span style="color:red">red</span></p>'
    )
    assert "<b>daily</b>" in html
    for hostile in ("<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "style="):
        assert hostile not in html


def test_links_of_the_footer_editor_keep_working():
    site = Site.objects.get(hostname="ternopil.localhost")
    home = Page.objects.get(
        translation_key=site.root_page.translation_key, locale__language_code="uk"
    )
    html = footer_html(
        f'<p><a linktype="page" id="{home.pk}">Home</a> · '
        '<a href="https://rada.te.ua/">Council</a> · <a href="mailto:info@example.org">Mail</a></p>'
    )
    assert re.search(r'<a href="(http://ternopil\.localhost[^"]*)?/uk/"[^>]*>Home</a>', html)
    assert 'href="https://rada.te.ua/"' in html and 'href="mailto:info@example.org"' in html
