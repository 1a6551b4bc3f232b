import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale

from cms.core import userdata
from plugins.consultations.models import Answer, Response
from plugins.consultations.services import save_response

from .factories import consultation_index, host_of, make_citizen, make_consultation, site

pytestmark = pytest.mark.django_db


def _answer_all(page, citizen, text="Plant =SUM(A1) trees"):
    single, _multiple, scale, _yes_no, long_text = page.question_list
    return save_response(
        page,
        [(single.key, single.choices[1].key, ""), (scale.key, "5", ""), (long_text.key, "", text)],
        user=citizen,
    )[0]


def test_my_data_lists_responses_and_deleting_the_account_keeps_them_counted_anonymously():
    page = make_consultation()
    citizen = make_citizen()
    response = _answer_all(page, citizen)
    exported = userdata.export_user_data(citizen)["consultations"]
    assert exported["responses"][0]["reference"] == response.reference
    assert any(
        row["answer"] == "Plant =SUM(A1) trees" for row in exported["responses"][0]["answers"]
    )

    userdata.erase_user_data(citizen, remove_content=True)
    get_user_model().objects.filter(pk=citizen.pk).delete()
    response.refresh_from_db()
    assert response.user_id is None and response.email_hash == ""
    assert Answer.objects.filter(response=response).count() == 3
    assert not Answer.objects.filter(response=response, text="Plant =SUM(A1) trees").exists()


def test_account_page_lists_the_citizens_responses(client):
    page = make_consultation()
    citizen = make_citizen()
    response = _answer_all(page, citizen)
    client.force_login(citizen)
    html = client.get("/uk/accounts/", headers={"host": host_of(page)}).content.decode()
    assert response.reference in html


def test_editor_exports_every_response_as_csv_and_xlsx(admin_client):
    page = make_consultation(translate=True)
    _answer_all(page, make_citizen())
    _answer_all(page.english, make_citizen(), text="Second")
    csv_text = admin_client.get(f"/admin/consultations/{page.pk}/export.csv").content.decode()
    lines = csv_text.strip().splitlines()
    assert len(lines) == 3
    assert "'=SUM(A1)" not in csv_text and "Plant =SUM(A1) trees" in csv_text
    workbook = load_workbook(
        io.BytesIO(admin_client.get(f"/admin/consultations/{page.pk}/export.xlsx").content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {row[1] for row in rows[1:]} == {"uk", "en"}
    assert admin_client.get(f"/admin/consultations/{page.pk}/export.pdf").status_code == 404
    assert admin_client.get(f"/admin/consultations/{page.pk}/").status_code == 200
    assert admin_client.get("/admin/consultations/").status_code == 200


def test_exports_neutralise_spreadsheet_formulas(admin_client):
    page = make_consultation()
    _answer_all(page, make_citizen(), text='=HYPERLINK("http://evil")')
    csv_text = admin_client.get(f"/admin/consultations/{page.pk}/export.csv").content.decode()
    assert "'=HYPERLINK" in csv_text


def test_citizens_cannot_export(client):
    page = make_consultation()
    client.force_login(make_citizen())
    response = client.get(f"/admin/consultations/{page.pk}/export.csv")
    assert response.status_code in (302, 403)


def test_editor_withholds_a_free_text_answer(admin_client, client):
    page = make_consultation()
    response = _answer_all(page, make_citizen(), text="Rude words")
    answer = Answer.objects.get(response=response, choice_key="")
    result = admin_client.post(
        f"/admin/consultations/{page.pk}/answers/{answer.pk}/", {"action": "withhold"}
    )
    assert result.status_code == 302
    answer.refresh_from_db()
    assert answer.withheld
    html = client.get(page.url + "results/", headers={"host": host_of(page)}).content.decode()
    assert "Rude words" not in html


def test_index_lists_open_upcoming_and_closed_and_filters_by_topic(get):
    from plugins.consultations.models import ConsultationTopic

    uk = Locale.objects.get(language_code="uk")
    topic = ConsultationTopic.objects.create(name="Вода", slug="water-test", locale=uk)
    open_page = make_consultation(title="Open one", topic=topic)
    make_consultation(state="upcoming", title="Upcoming one")
    make_consultation(state="closed", title="Closed one")
    index = consultation_index()
    html = get("ternopil", index.url).content.decode()
    assert html.index("Open one") < html.index("Upcoming one") < html.index("Closed one")
    filtered = get("ternopil", index.url + "?topic=water-test").content.decode()
    assert "Open one" in filtered and "Upcoming one" not in filtered
    assert open_page.title in filtered
    bad = get("ternopil", index.url + "?topic=%00%22nonsense")
    assert bad.status_code == 200


def test_deadlines_are_on_the_civic_calendar():
    calendar = pytest.importorskip("cms.core.calendar")
    page = make_consultation()
    now = timezone.now()
    found = calendar.occurrences(
        site(), page.locale, now, now + timedelta(days=30), tags={"kind:consultation_deadline"}
    )
    assert any(item.start == page.closes_at and page.title in item.title for item in found)
    assert all(item.kind == "consultation_deadline" for item in found)


def test_the_english_calendar_has_the_english_consultation_not_the_ukrainian_one():
    from cms.core.calendar import occurrences

    page = make_consultation(translate=True)
    now = timezone.now()
    english = occurrences(
        site(),
        page.english.locale,
        now,
        now + timedelta(days=30),
        tags={"kind:consultation_deadline"},
    )
    titles = [item.title for item in english]
    assert any(page.english.title in title for title in titles)
    assert not any(f"{page.title}:" in title or title.endswith(page.title) for title in titles)


def test_response_counts_are_unique_per_citizen_in_the_database():
    from django.db import IntegrityError, transaction

    page = make_consultation()
    citizen = make_citizen()
    _answer_all(page, citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            consultation_key=page.translation_key,
            user=citizen,
            reference="C-TEST-0001",
            language="uk",
        )
