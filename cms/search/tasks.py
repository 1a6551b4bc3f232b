"""Background work of the search: document text extraction and indexing retries.

With the default (immediate) tasks backend they run at once; with the database queue a
worker runs them, and a failed indexing run schedules its own retry.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.documents import get_document_model

from cms.search import indexing, sync
from cms.search.extraction import ExtractionError, extract_text, supported
from cms.search.models import DocumentText

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
RETRY_DELAY = timedelta(minutes=2)


def read_document_text(document):
    """Extract and store the text of `document`'s file unless already done for this file."""
    file_name = document.file.name or ""
    record = DocumentText.objects.filter(document=document).first()
    if record is not None and record.file_name == file_name:
        return record
    record = record or DocumentText(document=document)
    record.file_name, record.text, record.error = file_name, "", ""
    if not file_name or not supported(file_name):
        record.error = "unsupported file type"
    else:
        try:
            with document.file.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise ExtractionError("file too large")
            record.text = extract_text(file_name, data)
        except (ExtractionError, OSError) as error:
            record.error = str(error)[:300]
    record.save()
    return record


@task()
def extract_document_text(document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return
    read_document_text(document)
    sync.sync_object(document)
    schedule_retry_if_pending()


@task()
def retry_pending_index():
    if indexing.process_pending():
        schedule_retry_if_pending()


def schedule_retry_if_pending():
    """With a queue that can defer, retry pending indexing later (the immediate backend
    cannot wait: there `manage.py process_search_queue` on the scheduler retries)."""
    if not default_task_backend.supports_defer:
        return
    from cms.search.models import SearchEntry

    if SearchEntry.objects.filter(index_pending=True).exists():
        try:
            retry_pending_index.using(run_after=timezone.now() + RETRY_DELAY).enqueue()
        except Exception:
            logger.exception("Could not schedule the search indexing retry")
