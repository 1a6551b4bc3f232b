"""The one writer of spreadsheet exports (CSV and XLSX), used by every export of every app.

A cell that a spreadsheet program would run as a formula is written as text: text that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe
(OWASP's guidance on CSV injection). Numbers, dates and empty cells are written as they are.
"""

import csv
import io

from django.utils.functional import Promise

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Spreadsheet programs read a UTF-8 CSV as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"


def safe_cell(value):
    """The value of one cell, never a formula."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


def write_csv(stream, rows, *, bom=True, **dialect):
    """Write `rows` (iterables of cells) as CSV into `stream` (a file, an HttpResponse);
    `dialect`: the csv module's format options (e.g. `delimiter=";"`)."""
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream, **dialect)
    for row in rows:
        writer.writerow(safe_row(row))


def csv_text(rows, *, bom=True, **dialect):
    """`rows` as the text of a CSV file."""
    buffer = io.StringIO()
    write_csv(buffer, rows, bom=bom, **dialect)
    return buffer.getvalue()


def xlsx_bytes(rows, *, sheet_title):
    """`rows` as an XLSX workbook of one sheet; text cells are always text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title))
    for row in rows:
        cells = []
        for value in safe_row(row):
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SafeSpreadsheetExportMixin:
    """For Wagtail's report and listing views (`SpreadsheetExportMixin`): their CSV export
    writes cells as they are; with this mixin first, no cell is a formula either."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))
