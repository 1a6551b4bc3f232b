"""Purge the front cache of the pages that show a document when it changes."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model


def archive_urls(document):
    """The archive pages (every language) of the document's site and its own pages."""
    from cms.archive.models import DocumentArchivePage

    if document.site_id is None:
        return []
    root = document.site.root_page
    urls = []
    homes = root.get_translations(inclusive=True)
    for home in homes:
        for archive in DocumentArchivePage.objects.live().child_of(home):
            base = archive.get_full_url()
            if base:
                urls.append(base)
                urls.append(archive.document_url(document, base))
    return urls


def purge_urls(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


def purge_document_pages(sender, instance, **kwargs):
    if apps.is_installed("wagtail.contrib.frontend_cache"):
        purge_urls(archive_urls(instance))


def connect():
    model = get_document_model()
    post_save.connect(purge_document_pages, sender=model, dispatch_uid="archive-purge-save")
    post_delete.connect(purge_document_pages, sender=model, dispatch_uid="archive-purge-delete")
