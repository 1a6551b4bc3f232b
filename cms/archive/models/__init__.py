from cms.archive.models.documents import CouncilDocument, DocumentLanguage, DocumentType

__all__ = ["CouncilDocument", "DocumentLanguage", "DocumentType"]
