"""Petitions on the civic calendar: the end of a collection and the answer's deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.core.calendar import kind_label, occurrences
from plugins.petitions.calendar_source import ANSWER_DUE, COLLECTION_END
from plugins.petitions.tests.reading import index_for, make_petition, site

pytestmark = pytest.mark.django_db


def _window():
    now = timezone.now()
    return now - timedelta(days=30), now + timedelta(days=90)


def _ours(site_slug, language):
    start, end = _window()
    return [
        o
        for o in occurrences(
            site(site_slug), Locale.objects.get(language_code=language), start, end
        )
        if o.kind in (COLLECTION_END, ANSWER_DUE)
    ]


def test_collection_ends_and_answer_deadlines_are_on_every_language_calendar():
    index = index_for()
    collecting = make_petition(index, "collecting", title="Календарна петиція")
    considered = make_petition(index, "consideration", title="Розглядається календар")
    make_petition(index, "pending", title="Календар чекає")
    found = {(o.kind, o.title) for o in _ours("ternopil", "uk")}
    assert any(kind == COLLECTION_END and collecting.title in title for kind, title in found)
    assert any(kind == ANSWER_DUE and considered.title in title for kind, title in found)
    assert not any("Календар чекає" in title for _, title in found)
    occurrence = next(o for o in _ours("ternopil", "uk") if collecting.title in o.title)
    assert occurrence.start == collecting.collection_ends_at
    assert occurrence.url.endswith(f"/{collecting.pk}/")

    index_for("ternopil", "en")
    english = [o for o in _ours("ternopil", "en") if collecting.title in o.title]
    assert english and english[0].title.startswith("Petition")
    assert kind_label(COLLECTION_END) and kind_label(ANSWER_DUE)
    assert not [o for o in _ours("levski", "bg") if collecting.title in o.title]


def test_a_restricted_index_keeps_its_petitions_off_the_calendar():
    index = index_for()
    petition = make_petition(index, "collecting", title="Закрита календарна")
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert not [o for o in _ours("ternopil", "uk") if petition.title in o.title]
