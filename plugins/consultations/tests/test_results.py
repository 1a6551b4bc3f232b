import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.consultations.models import Answer, Response
from plugins.consultations.models.responses import new_reference
from plugins.consultations.services import save_response

from .factories import host_of, make_citizen, make_consultation

pytestmark = pytest.mark.django_db


def _bulk_responses(page, count, language_of=lambda n: "uk"):
    """`count` responses made with bulk_create: choice a/b/c in turn, scale 1-5, yes/no."""
    questions = page.question_list
    single, multiple, scale, yes_no, text = questions
    responses = Response.objects.bulk_create(
        Response(
            consultation_key=page.translation_key,
            page=page,
            reference=new_reference(),
            language=language_of(n),
        )
        for n in range(count)
    )
    answers = []
    for n, response in enumerate(responses):
        common = {"response": response, "consultation_key": page.translation_key}
        answers.append(
            Answer(question_key=single.key, choice_key=single.choices[n % 3].key, **common)
        )
        answers.append(
            Answer(question_key=multiple.key, choice_key=multiple.choices[0].key, **common)
        )
        if n % 2:
            answers.append(
                Answer(question_key=multiple.key, choice_key=multiple.choices[1].key, **common)
            )
        answers.append(Answer(question_key=scale.key, choice_key=str(n % 5 + 1), **common))
        answers.append(
            Answer(question_key=yes_no.key, choice_key="yes" if n % 4 else "no", **common)
        )
        if n < 3:
            answers.append(Answer(question_key=text.key, text=f"Proposal number {n}", **common))
    Answer.objects.bulk_create(answers, batch_size=5000)


def _urls(page):
    base = page.url
    return base + "results/", base + "results/csv/", base + "results/json/"


def _page_numbers(html):
    """(label, count, percent) rows of the results tables."""
    return re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>([\d.,]+) %</td></tr>', html
    )


def test_results_agree_between_page_csv_and_json_across_languages(client):
    page = make_consultation(translate=True)
    first, second, third = make_citizen(), make_citizen(), make_citizen()
    single = page.question_list[0]
    save_response(page, [(single.key, single.choices[0].key, "")], user=first)
    save_response(page.english, [(single.key, single.choices[0].key, "")], user=second)
    save_response(page.english, [(single.key, single.choices[1].key, "")], user=third)
    host = {"host": host_of(page)}
    seen = {}
    for version in (page, page.english):
        results_url, csv_url, json_url = _urls(version)
        html = client.get(results_url, headers=host).content.decode()
        data = json.loads(client.get(json_url, headers=host).content)
        rows = list(csv.DictReader(io.StringIO(client.get(csv_url, headers=host).content.decode())))
        assert data["responses"] == 3
        first_question = data["questions"][0]
        json_counts = [(c["key"], c["count"], c["percent"]) for c in first_question["choices"]]
        csv_counts = [
            (row["choice_key"], int(row["count"]), float(row["percent"]))
            for row in rows
            if row["question_key"] == single.key
        ]
        page_counts = [int(count) for _label, count, _pct in _page_numbers(html)][:3]
        assert json_counts == csv_counts
        assert [count for _key, count, _pct in json_counts] == page_counts == [2, 1, 0]
        assert [pct for _key, _count, pct in json_counts] == [66.7, 33.3, 0.0]
        seen[version.locale.language_code] = (json_counts, first_question["choices"][0]["label"])
    assert seen["uk"][0] == seen["en"][0]
    assert seen["uk"][1] == "UK E-services" and seen["en"][1] == "E-services"


def test_results_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    page = make_consultation()
    results_url = _urls(page)[0]
    host = {"host": host_of(page)}
    _bulk_responses(page, 10)
    client.get(results_url, headers=host)
    with CaptureQueriesContext(connection) as queries:
        small = client.get(results_url, headers=host)
    assert small.status_code == 200
    assert "10 " in small.content.decode()
    _bulk_responses(page, 9_990)
    with django_assert_num_queries(len(queries)):
        large = client.get(results_url, headers=host)
    html = large.content.decode()
    assert "10000 " in html or "10 000" in html or "10,000" in html or "10\xa0000" in html
    single_counts = [int(count) for _label, count, _pct in _page_numbers(html)][:3]
    assert sum(single_counts) == 10_000


def test_results_after_closing_are_hidden_while_open(client):
    page = make_consultation(results="after_closing")
    results_url, csv_url, json_url = _urls(page)
    host = {"host": host_of(page)}
    response = client.get(results_url, headers=host)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()
    assert client.get(json_url, headers=host).status_code == 404
    assert client.get(csv_url, headers=host).status_code == 404


def test_free_text_is_published_only_when_chosen_and_never_with_names(client):
    page = make_consultation()
    citizen = make_citizen()
    text_question = page.question_list[4]
    save_response(page, [(text_question.key, "", "Plant more trees")], user=citizen)
    withheld = make_citizen()
    response, _ = save_response(page, [(text_question.key, "", "Hidden remark")], user=withheld)
    Answer.objects.filter(response=response).update(withheld=True)
    save_response(
        page,
        [(text_question.key, "", "Call +380 97 123 45 67 or write to me@example.org")],
        user=make_citizen(),
    )
    html = client.get(_urls(page)[0], headers={"host": host_of(page)}).content.decode()
    assert "Plant more trees" in html
    assert "123 45 67" not in html and "me@example.org" not in html
    assert "Call […] or write to […]" in html
    assert "Hidden remark" not in html
    assert citizen.email not in html and citizen.username not in html


def test_report_lists_decisions_after_closing(client):
    from plugins.consultations.models import ConsultationDecision

    page = make_consultation(state="closed")
    page.decisions = [
        ConsultationDecision(proposal="More e-services", decision="accepted", reason="In the plan")
    ]
    page.save_revision().publish()
    html = client.get(page.url + "report/", headers={"host": host_of(page)}).content.decode()
    assert "More e-services" in html and "In the plan" in html
    open_page = make_consultation()
    assert client.get(open_page.url + "report/", headers={"host": host_of(page)}).status_code == 404


def test_demo_closed_consultations_show_results_and_report(get):
    from plugins.consultations.models import ConsultationPage

    for site_slug in ("ternopil", "banska-bystrica", "levski"):
        closed = [
            page
            for page in ConsultationPage.objects.live().specific()
            if page.get_site().site_name == site_slug and page.status() == "closed"
        ]
        assert closed, site_slug
        for page in closed:
            path = page.url
            results = get(site_slug, path + "results/")
            assert results.status_code == 200
            assert "<svg" in results.content.decode()
            report = get(site_slug, path + "report/")
            assert report.status_code == 200
            assert "consultation-decision" in report.content.decode()


def test_results_and_report_link_to_the_same_view_in_the_other_language(client):
    page = make_consultation(state="closed", results="after_closing", translate=True)
    host = {"host": host_of(page)}
    for view in ("results/", "report/"):
        html = client.get(page.url + view, headers=host).content.decode()
        english = page.english.get_url_parts()[2] + view
        assert f'href="{english}" lang="en" hreflang="en"' in html, view
        assert f'hreflang="en" href="http://{host_of(page)}{english}"' in html, view
