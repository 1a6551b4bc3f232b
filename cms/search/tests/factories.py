"""Helpers that make pages and files for the search tests."""

import io
import zipfile

from wagtail.models import Locale, Site

from cms.pages.models import StandardPage

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def home(site_name, language=None):
    site = Site.objects.get(site_name=site_name)
    root = site.root_page
    if language and root.locale.language_code != language:
        root = root.get_translation(Locale.objects.get(language_code=language))
    return root.specific


def publish_page(parent, title, intro, slug=None):
    page = StandardPage(title=title, intro=intro, slug=slug or f"t-{abs(hash(title)) % 10**8}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pdf_bytes(text):
    from pathlib import Path

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if Path(FONT).exists():
        pdf.add_font("Body", "", FONT)
        pdf.set_font("Body", size=12)
    else:  # pragma: no cover
        pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def docx_bytes(text):
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt_bytes(text):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>{text}</text:p></office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()
