from wagtail.documents.forms import BaseDocumentForm

from cms.archive.models import DocumentType


class CouncilDocumentForm(BaseDocumentForm):
    """The admin's document form: each document type offered once, named in the editor's
    language (types are translatable snippets; the file's checks are in the model's clean)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("document_type")
        if field is None:
            return
        types = DocumentType.for_active_language()
        by_key = {item.translation_key: item for item in types}
        field.queryset = DocumentType.objects.filter(pk__in=[item.pk for item in types])
        field.label_from_instance = lambda item: by_key.get(item.translation_key, item).name
        current = self.instance.document_type if self.instance.document_type_id else None
        if current is not None and current.translation_key in by_key:
            self.initial["document_type"] = by_key[current.translation_key].pk
