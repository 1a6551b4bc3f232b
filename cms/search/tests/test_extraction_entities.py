"""A document whose XML declares entities is refused, never expanded (defusedxml)."""

import io
import zipfile

import pytest

from cms.search.extraction import ExtractionError, extract_text

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
)


def docx(xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_entities_in_a_docx_are_refused():
    with pytest.raises(ExtractionError):
        extract_text("minutes.docx", docx(LAUGHS))


def test_a_plain_docx_still_reads():
    plain = LAUGHS.split("]>", 1)[1].replace("&c;", "Рішення сесії")
    assert extract_text("minutes.docx", docx(plain)) == "Рішення сесії"
