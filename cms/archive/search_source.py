"""The archive's documents in the site search: each public document is found on its own
site, in its language, with the text of its file, and leads to its page in the archive."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.models import Site

from cms.core.search_sources import SearchItem, SearchSource
from cms.core.sites import profile_for_site
from cms.core.visibility import is_public_document, public_pages

DOCUMENT_FIELDS = ("title", "description", "number", "issuing_body")


def _archive_url(document, site, language):
    """The document's page in the site's archive in `language`, else its download URL."""
    from cms.archive.models import DocumentArchivePage

    for root in site.root_page.get_translations(inclusive=True):
        if root.locale.language_code == language:
            archive = public_pages(DocumentArchivePage.objects.descendant_of(root)).first()
            parts = archive.get_url_parts() if archive is not None else None
            if parts is not None:
                return archive.document_url(document, parts[2])
    return document.url


def document_items(document):
    """A document is found on its own site when public (and in no restricted collection);
    its text includes the file's."""
    site_id = getattr(document, "site_id", None)
    if not site_id or not is_public_document(document):
        return []
    site = Site.objects.select_related("root_page__locale").filter(pk=site_id).first()
    if site is None:
        return []
    profile = profile_for_site(site)
    languages, default = profile.languages, profile.default_language
    language = getattr(document, "language", "")
    language = language if language in languages else default
    texts = [str(getattr(document, name, "") or "") for name in DOCUMENT_FIELDS[1:]]
    if document.pk:
        from cms.search.models import DocumentText

        texts += DocumentText.objects.filter(document_id=document.pk).values_list("text", flat=True)
    return [
        SearchItem(
            site_id=site.pk,
            language=language,
            title=document.title,
            text="\n".join(text for text in texts if text),
            url=_archive_url(document, site, language),
            date=getattr(document, "date_adopted", None) or document.created_at,
        )
    ]


def all_documents():
    return get_document_model().objects.filter(site__isnull=False).order_by("pk")


def documents_source():
    return SearchSource(
        kind="documents",
        label=_("Documents"),
        order=20,
        model=get_document_model_string(),
        items=document_items,
        queryset=all_documents,
        result_template="search/document_result.html",
    )
