from cms.archive.models.documents import CouncilDocument, DocumentLanguage, DocumentType
from cms.archive.models.pages import DocumentArchivePage

__all__ = ["CouncilDocument", "DocumentArchivePage", "DocumentLanguage", "DocumentType"]
