"""Plain text from uploaded files: PDF (pypdf), DOCX and ODT (zip + XML, read with
defusedxml: entities are refused, never expanded) and plain text. Hostile or broken files
give an error message, never an exception, and extraction stops at MAX_CHARS."""

import io
import logging
import zipfile

from defusedxml import ElementTree

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
MAX_XML_BYTES = 20 * 1024 * 1024
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class ExtractionError(Exception):
    pass


def _pdf(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:
            raise ExtractionError("encrypted PDF") from error
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _zip_xml(data, member):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            raise ExtractionError("document too large")
        return ElementTree.fromstring(archive.read(member))


def _docx(data):
    root = _zip_xml(data, "word/document.xml")
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{WORD_NS}t" and node.text:
                pieces.append(node.text)
            elif node.tag in (f"{WORD_NS}tab", f"{WORD_NS}br"):
                pieces.append(" ")
        paragraphs.append("".join(pieces))
    return "\n".join(p for p in paragraphs if p.strip())


def _odt(data):
    root = _zip_xml(data, "content.xml")
    blocks = [f"{ODF_TEXT_NS}p", f"{ODF_TEXT_NS}h"]
    paragraphs = []
    for node in root.iter():
        if node.tag in blocks:
            paragraphs.append("".join(node.itertext()))
    return "\n".join(p for p in paragraphs if p.strip())


def _plain(data):
    for encoding in ("utf-8-sig", "cp1251", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


EXTRACTORS = {
    "pdf": _pdf,
    "docx": _docx,
    "odt": _odt,
    "txt": _plain,
    "csv": _plain,
}


def supported(file_name):
    return file_name.rsplit(".", 1)[-1].lower() in EXTRACTORS


def extract_text(file_name, data):
    """The text of a file named `file_name` with contents `data`, cleaned of NULs and
    capped at MAX_CHARS. Raises ExtractionError for unsupported or unreadable files."""
    extension = file_name.rsplit(".", 1)[-1].lower()
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        raise ExtractionError(f"unsupported file type: {extension}")
    try:
        text = extractor(data)
    except ExtractionError:
        raise
    except Exception as error:
        logger.info("Could not extract text from %s: %s", file_name, error)
        raise ExtractionError(f"unreadable {extension} file") from error
    return " ".join(text.replace("\x00", " ").split(" "))[:MAX_CHARS]
