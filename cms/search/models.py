"""The search index of the public site: one row per findable thing, holding its lemmas."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.search import index

LEMMA_ANALYZER = "hromada_lemmas"


class SearchEntry(index.Indexed, models.Model):
    """A page or other object as the public search sees it: on one site, in one language,
    of one kind, with its text and the lemmas of its title and text (see `lemmas.py`)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    date = models.DateTimeField(null=True, blank=True)
    title_lemmas = models.TextField(blank=True)
    lemmas = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    index_pending = models.BooleanField(
        default=False, help_text="A search backend missed the last change: retry indexing."
    )

    # Kept in the search backends by cms.search.indexing, which records failures to retry.
    search_auto_update = False
    search_fields = [
        index.SearchField("title_lemmas", boost=3, es_extra={"analyzer": LEMMA_ANALYZER}),
        index.SearchField("lemmas", es_extra={"analyzer": LEMMA_ANALYZER}),
        index.FilterField("site"),
        index.FilterField("language"),
        index.FilterField("kind"),
        index.FilterField("date"),
        # The archive's text filter asks for one model's entries (engine.matched_object_ids).
        index.FilterField("content_type"),
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            # A page has one entry; another object has one per site and language it is
            # found in (a project listed by every language version of its cycle page).
            models.UniqueConstraint(
                fields=["content_type", "object_id", "site", "language"],
                name="search_entry_unique_place",
            )
        ]
        indexes = [
            # Covers what a search filters and orders its matches by (site, language,
            # kind, date) and the id they join on: read from the index alone.
            models.Index(
                fields=["site", "language", "kind", "date", "id"], name="search_entry_filters"
            ),
            models.Index(fields=["index_pending"]),
        ]

    def __str__(self):
        return self.title


class DocumentText(models.Model):
    """The text extracted from an uploaded document's file (PDF, DOCX, ODT, plain text)."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="extracted_text"
    )
    file_name = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return self.file_name
