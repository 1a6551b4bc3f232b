"""Open data: the site's public petitions as CSV and JSON with stable ids, no personal data."""

import csv
import io
import json

import pytest

from cms.core.manifest import open_data_exports
from plugins.petitions.tests.reading import (
    add_signatures,
    index_for,
    list_path,
    make_petition,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_json_and_csv_carry_counts_answers_and_stable_ids_without_personal_data(get):
    index = index_for()
    author = make_user("Авторка Відкритих Даних")
    signer = make_user("Підписант Відкритих Даних")
    petition = make_petition(index, "answered", author=author, answer="Відповідь ради.")
    add_signatures(petition, 12, days=3, users=[signer])
    make_petition(index, "pending", title="Прихована в даних", author=author)
    make_petition(index, "refused", title="Відхилена в даних")

    response = get("ternopil", list_path(index) + "data/json/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    row = next(p for p in data["petitions"] if p["id"] == str(petition.public_id))
    assert row["signatures"] == 12
    assert row["status"] == "answered"
    assert row["answer"] == "Відповідь ради."
    assert row["language"] == "uk"
    assert row["published_at"]
    text = response.content.decode()
    assert "Прихована в даних" not in text and "Відхилена в даних" not in text
    for person in (author, signer):
        assert person.email not in text and person.first_name not in text
    assert "email" not in text and "author" not in text

    response = get("ternopil", list_path(index) + "data/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(r for r in rows if r["id"] == str(petition.public_id))
    assert row["signatures"] == "12" and row["answer"] == "Відповідь ради."
    text = response.content.decode()
    assert author.email not in text and signer.first_name not in text


def test_the_id_stays_when_the_title_changes_and_every_language_exports_the_site(get):
    uk, en = index_for("ternopil", "uk"), index_for("ternopil", "en")
    petition = make_petition(uk, "collecting", title="Стара назва")
    before = json.loads(get("ternopil", list_path(en) + "data/json/").content)
    petition.title = "Нова назва"
    petition.save()
    after = json.loads(get("ternopil", list_path(uk) + "data/json/").content)
    ids = lambda data: {p["id"] for p in data["petitions"]}  # noqa: E731
    assert str(petition.public_id) in ids(before) & ids(after)
    other_site = json.loads(
        get("levski", list_path(index_for("levski", "bg")) + "data/json/").content
    )
    assert str(petition.public_id) not in ids(other_site)


def test_a_formula_in_a_title_is_written_as_text(get):
    index = index_for()
    petition = make_petition(index, "collecting", title='=HYPERLINK("http://x")')
    rows = list(
        csv.DictReader(
            io.StringIO(get("ternopil", list_path(index) + "data/csv/").content.decode())
        )
    )
    row = next(r for r in rows if r["id"] == str(petition.public_id))
    assert row["title"] == "'" + petition.title


def test_the_export_is_declared_in_the_manifest():
    exports = [export for label, export in open_data_exports() if label == "petitions"]
    assert exports and exports[0].page_type == "petitions.PetitionIndexPage"
    urls = exports[0].urls(index_for())
    assert urls["csv"].endswith("/data/csv/") and urls["json"].endswith("/data/json/")
