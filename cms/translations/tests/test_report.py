"""The translation status report: missing, in progress, up to date, out of date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from cms.translations import po
from cms.translations.status import IN_PROGRESS, MISSING, OUT_OF_DATE, UP_TO_DATE, StatusReport
from cms.translations.tests.helpers import (
    home,
    locale,
    make_user,
    new_page,
    translate_po,
    translator,
)

pytestmark = pytest.mark.django_db


def _cell(site_slug, source, language, **filters):
    site = Site.objects.get(site_name=site_slug)
    for row in StatusReport([site], **filters).rows():
        if row.source.pk == source.pk:
            return row.cells.get(language)
    return None


def _half_translated(on_commit):
    source = new_page("ternopil", "dorogy", "Ремонт доріг", "Графік ремонту доріг на літо.")
    translation = po.translation_for(source, locale("en"))
    file = translation.export_po()
    for entry in file:
        if entry.msgid == "Ремонт доріг":
            entry.msgstr = "Road repairs"
    translation.import_po(file)
    return source, translation


def test_demo_translations_are_up_to_date_and_snippets_are_listed():
    site = Site.objects.get(site_name="levski")
    rows = StatusReport([site]).rows()
    pages = [row for row in rows if row.kind == "page"]
    snippets = [row for row in rows if row.kind == "snippet"]
    assert pages and snippets
    assert all(cell.status == UP_TO_DATE for row in pages for cell in row.cells.values())
    menus = [row for row in snippets if row.type_label == "main menu"]
    assert len(menus) == 1 and set(menus[0].cells) == {"en"}


def test_missing_in_progress_with_percent_then_up_to_date(django_capture_on_commit_callbacks):
    source = new_page("ternopil", "parky", "Парки міста", "Де відпочити в Тернополі.")
    assert _cell("ternopil", source, "en").status == MISSING

    source, translation = _half_translated(None)
    cell = _cell("ternopil", source, "en")
    total, done = translation.get_progress()
    assert cell.status == IN_PROGRESS
    assert 0 < cell.percent < 100
    assert cell.percent == int(100 * done / total)

    translation.import_po(translate_po(translation.export_po(), lambda m: "EN " + m))
    assert _cell("ternopil", source, "en").status == IN_PROGRESS  # not published yet
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert _cell("ternopil", source, "en").status == UP_TO_DATE


def test_editing_the_source_marks_its_translations_out_of_date(
    django_capture_on_commit_callbacks,
):
    source = new_page("ternopil", "shkoly", "Школи", "Перелік шкіл громади.")
    translation = po.translation_for(source, locale("en"))
    translation.import_po(translate_po(translation.export_po(), lambda m: "EN " + m))
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert _cell("ternopil", source, "en").status == UP_TO_DATE

    source.intro = "Оновлений перелік шкіл громади."
    source.save_revision().publish()
    assert _cell("ternopil", source, "en").status == OUT_OF_DATE

    # "Sync translated pages" brings the new text in; it is in progress until translated.
    source.refresh_from_db()
    translation.source.update_from_db()
    assert _cell("ternopil", source, "en").status == IN_PROGRESS


def test_editing_a_manually_translated_demo_page_marks_it_out_of_date():
    source = home("levski").get_children().first().specific
    assert _cell("levski", source, "en").status == UP_TO_DATE
    source.title = source.title + " (2026)"
    source.save_revision().publish()
    assert _cell("levski", source, "en").status == OUT_OF_DATE


def test_filters_by_site_language_and_section():
    site = Site.objects.get(site_name="banska-bystrica")
    section = home("banska-bystrica").get_children().first()
    rows = StatusReport([site], language="en", section=section).rows()
    assert rows and all(row.kind == "page" for row in rows)
    assert all(row.source.path.startswith(section.path) for row in rows)
    assert all(set(row.cells) == {"en"} for row in rows)
    assert StatusReport([site], language="uk").rows() == []


def _queries_for_the_report():
    with CaptureQueriesContext(connection) as queries:
        rows = StatusReport(list(Site.objects.all())).rows()
    return len(queries), len(rows)


def test_the_report_runs_a_fixed_number_of_queries(django_capture_on_commit_callbacks):
    def translated_page(n):
        source = new_page("ternopil", f"rishennia-{n}", f"Рішення {n}", "Рішення сесії.")
        translation = po.translation_for(source, locale("en"))
        translation.import_po(translate_po(translation.export_po(), lambda m: "EN " + m))

    translated_page(0)
    before, rows_before = _queries_for_the_report()
    for n in range(1, 6):
        translated_page(n)
    after, rows_after = _queries_for_the_report()
    assert rows_after == rows_before + 5
    assert after == before


def test_the_report_in_the_admin(client):
    client.force_login(translator())
    url = reverse("translations:status")
    response = client.get(
        url, {"site": Site.objects.get(site_name="ternopil").pk, "language": "en"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation status" in html
    assert 'data-status="up_to_date"' in html
    for bad in ({"site": "x"}, {"section": "999999"}, {"status": "<b>"}, {"p": "-1"}):
        assert client.get(url, bad).status_code == 200


def test_the_report_needs_admin_access(client):
    client.force_login(make_user())
    response = client.get(reverse("translations:status"))
    assert response.status_code in (302, 403)


def test_the_reports_page_links_keep_the_filters(client, monkeypatch):
    from cms.translations.views import TranslationStatusView

    monkeypatch.setattr(TranslationStatusView, "per_page", 2)
    client.force_login(translator())
    site = Site.objects.get(site_name="ternopil").pk
    url = reverse("translations:status")
    html = client.get(url, {"site": site, "language": "en", "p": "2"}).content.decode()
    kept = f"?site={site}&amp;language=en&amp;p="
    assert 'aria-label="Pages of the report"' in html
    assert f'<a href="{kept}1" rel="prev">' in html
    assert f'<a href="{kept}3" rel="next">' in html
    assert f'<a href="{kept}2" aria-current="page">' in html
