"""Petitions in the site search: public ones found, hidden ones never."""

import pytest
from wagtail.models import PageViewRestriction

from plugins.petitions.tests.reading import index_for, make_petition

pytestmark = pytest.mark.django_db


def _search(get, language, query):
    response = get("ternopil", f"/{language}/search/?q={query}")
    assert response.status_code == 200
    return response.content.decode()


def test_public_petitions_are_found_and_hidden_ones_are_not(get):
    index = index_for()
    found = make_petition(
        index, "collecting", title="Ліхтарі на вулиці Медовій", text="Темна вулиця."
    )
    make_petition(index, "pending", title="Ліхтарі прихована")
    make_petition(index, "refused", title="Ліхтарі відхилена")
    html = _search(get, "uk", "ліхтарів")
    assert "на вулиці Медовій" in html  # the matched word itself is highlighted
    assert "Ліхтарі прихована" not in html and "Ліхтарі відхилена" not in html
    assert f'href="/uk/petytsii/{found.pk}/"' in html or f"/{found.pk}-" in html


def test_a_refused_petition_leaves_the_index():
    from cms.search.models import SearchEntry

    petition = make_petition(index_for(), "collecting", title="Спершу опублікована")
    assert SearchEntry.objects.filter(object_id=petition.pk, kind="petitions").exists()
    petition.status = "refused"
    petition.save()
    assert not SearchEntry.objects.filter(object_id=petition.pk, kind="petitions").exists()


def test_a_restriction_on_the_index_takes_its_petitions_out_of_the_search_and_back():
    from cms.search.models import SearchEntry

    index = index_for()
    petition = make_petition(index, "collecting", title="Під замком пошуку")
    entries = SearchEntry.objects.filter(object_id=petition.pk, kind="petitions")
    assert entries.exists()
    restriction = PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert not entries.exists()
    restriction.delete()
    assert entries.exists()
