"""Abstract related-document and related-page rows for any page (`InlinePanel`s).

A concrete model adds only its `ParentalKey` to the page type it belongs to (named as the
app likes, with the `related_name` the page's panels and templates use):

    class NewsPageRelatedDocument(RelatedDocument):
        source = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_documents")

Table names stay those of the concrete models; the fields are the same for every app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable


class RelatedDocument(Orderable):
    """A document (from the document archive) linked from a page, in the editor's order."""

    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def text(self):
        """The link text: the document's title."""
        return self.document.title


class TitledRelatedDocument(RelatedDocument):
    """A related document whose link text the editor may write (else the document's title)."""

    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(RelatedDocument.Meta):
        abstract = True

    @property
    def text(self):
        return self.title or self.document.title


class RelatedPage(Orderable):
    """Another page (of any type) linked from a page, in the editor's order."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True
