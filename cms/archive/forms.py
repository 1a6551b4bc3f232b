from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Site

from cms.archive.models import DocumentType


class CouncilDocumentForm(BaseDocumentForm):
    """The admin's document form: each document type offered once, named in the editor's
    language (types are translatable snippets; the file's checks are in the model's clean).
    A document without a site starts with the site of the editor's last upload (or the only
    site), so that a new upload lands in the archive the editor works on."""

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if "site" in self.fields and not self.initial.get("site"):
            self.initial["site"] = self._usual_site(user)
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

    def _usual_site(self, user):
        if user is not None and user.pk:
            last = (
                get_document_model()
                .objects.filter(uploaded_by_user=user, site__isnull=False)
                .order_by("-pk")
                .values_list("site_id", flat=True)
                .first()
            )
            if last is not None:
                return last
        sites = list(Site.objects.values_list("pk", flat=True)[:2])
        return sites[0] if len(sites) == 1 else None
