"""The consultation page keeps what it shows with the page frame (cms.core.chrome): a kept
page reads none of its documents, commitments or decisions, and is never shown stale when
the consultation closes, a document is renamed or the council's decisions are published."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.archive.tests.factories import make_document
from plugins.consultations.models import ConsultationDecision, ConsultationDocument
from plugins.consultations.tests.factories import host_of, make_consultation, respond_url

pytestmark = pytest.mark.django_db


def html_of(client, page):
    return client.get(page.url, headers={"host": host_of(page)}).content.decode()


def with_document(page, title):
    document = make_document("ternopil", title)
    page.draft_documents = [ConsultationDocument(document=document)]
    page.save_revision().publish()
    return document


def test_a_kept_page_reads_none_of_what_it_shows(client):
    page = make_consultation(title="Консультація про бюджет")
    with_document(page, "Проєкт бюджету на 2027 рік")
    first = html_of(client, page)
    assert "Проєкт бюджету на 2027 рік" in first
    with CaptureQueriesContext(connection) as kept:
        assert html_of(client, page) == first
    read = " ".join(query["sql"] for query in kept.captured_queries)
    for table in ("consultationdocument", "consultationcommitment", "consultationdecision"):
        assert f"consultations_{table}" not in read


def test_the_kept_page_turns_closed_when_the_consultation_closes_without_a_save(client):
    page = make_consultation()
    answer = f'href="{respond_url(page)}"'
    assert answer in html_of(client, page)
    assert answer in html_of(client, page)
    with mock.patch("django.utils.timezone.now", return_value=page.closes_at + timedelta(1)):
        html = html_of(client, page)
    assert answer not in html
    assert 'class="consultation-status consultation-status--closed"' in html


def test_a_renamed_document_shows_on_the_kept_page(client):
    page = make_consultation()
    document = with_document(page, "Проєкт правил благоустрою")
    assert "Проєкт правил благоустрою" in html_of(client, page)
    document.title = "Правила благоустрою, друга редакція"
    document.save()
    html = html_of(client, page)
    assert "Правила благоустрою, друга редакція" in html
    assert "Проєкт правил благоустрою" not in html


def test_the_report_link_shows_on_the_kept_page_once_decisions_are_published(client):
    page = make_consultation(state="closed")
    report = f'href="{page.get_url_parts()[2]}report/"'
    assert html_of(client, page).count(report) == 1  # the tab only
    assert html_of(client, page).count(report) == 1
    page.decisions = [ConsultationDecision(proposal="Більше е-послуг", decision="accepted")]
    page.save_revision().publish()
    assert html_of(client, page).count(report) == 2  # and "Read the report"
