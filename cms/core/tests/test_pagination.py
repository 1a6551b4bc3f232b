"""The shared page links of a list (core/includes/pagination.html with
cms.core.pagination.page_links): kept filters, rel, aria-current, the elided range."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from cms.core.pagination import page_links

INCLUDE = "core/includes/pagination.html"


def _render(page_number, params=None, **extra):
    page_obj = Paginator(range(200), 10).page(page_number)
    context = {**page_links(page_obj, params), "label": "Pages of things", **extra}
    with translation.override("en"):
        return render_to_string(INCLUDE, context)


def _hrefs(html):
    return re.findall(r'<a href="([^"]+)"', html)


def test_links_keep_the_filters_in_order_and_drop_empty_ones():
    html = _render(5, {"status": "open", "topic": "", "q": "парк і сад"})
    kept = "?status=open&amp;q=%D0%BF%D0%B0%D1%80%D0%BA+%D1%96+%D1%81%D0%B0%D0%B4&amp;"
    hrefs = _hrefs(html)
    assert len(hrefs) == 10 and all(href.startswith(kept) for href in hrefs)
    assert f'<a href="{kept}page=4" rel="prev">Previous page</a>' in html
    assert f'<a href="{kept}page=6" rel="next">Next page</a>' in html
    assert f'<a href="{kept}page=5" aria-current="page">' in html
    assert 'aria-label="Pages of things"' in html


def test_elided_range_around_the_current_page():
    html = _render(10)
    numbers = re.findall(r"</span>(\d+)</a>", html)
    assert numbers == ["1", "8", "9", "10", "11", "12", "20"]
    assert html.count('<span aria-hidden="true">…</span>') == 2
    assert _hrefs(html)[0] == "?page=9"


def test_first_and_last_pages_have_no_link_beyond_them():
    first, last = _render(1), _render(20)
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_own_page_parameter_and_landing_fragment():
    html = _render(
        2, {"comments_order": "oldest"}, page_param="comments_page", fragment="#comments"
    )
    assert '<a href="?comments_order=oldest&amp;comments_page=3#comments" rel="next">' in html
    assert "page=" not in html.replace("comments_page=", "")


def test_a_single_page_has_no_page_links():
    page_obj = Paginator(range(5), 10).page(1)
    html = render_to_string(INCLUDE, {**page_links(page_obj), "label": "Pages"})
    assert "<nav" not in html
