"""The archive's document model and its translatable document types."""

import os

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.archive.slugs import document_slug
from cms.archive.uploads import document_upload_to
from cms.archive.validators import validate_document_file


class DocumentType(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A kind of official document (decision, regulation, plan...), named in each language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("The same in every language; used in archive filter addresses."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="archive_type_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_active_language(cls):
        """Every live type once, named in the active language when a live translation exists."""
        types = {}
        language = translation.get_language()
        live = cls.objects.filter(live=True).select_related("locale").order_by("sort_order", "pk")
        for item in live:
            current = types.get(item.translation_key)
            if current is None or item.locale.language_code == language:
                types[item.translation_key] = item
            elif current.locale.language_code != language and (
                item.locale.language_code == settings.LANGUAGE_CODE
            ):
                types[item.translation_key] = item
        return sorted(types.values(), key=lambda item: (item.sort_order, item.name))


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    UKRAINIAN = "uk", _("Ukrainian")
    SLOVAK = "sk", _("Slovak")
    BULGARIAN = "bg", _("Bulgarian")
    OTHER = "other", _("Other language")


class CouncilDocument(AbstractDocument):
    """An official document of a municipality: a file with the metadata citizens search by.

    Documents are not translated objects: the title and description are written in the
    language of the file (`language`), and templates mark them up with that language.
    """

    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    description = models.TextField(_("description"), blank=True)
    document_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.CharField(
        _("number"), max_length=100, blank=True, help_text=_("For example 123/2024.")
    )
    date_adopted = models.DateField(_("date adopted"), null=True, blank=True)
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=200,
        blank=True,
        help_text=_("For example: City Council, Mayor, Executive Committee."),
    )
    language = models.CharField(
        _("language of the file"),
        max_length=10,
        choices=DocumentLanguage.choices,
        blank=True,
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("municipality site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The archive of this site lists the document."),
    )
    original_filename = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Private documents can be downloaded only by signed-in editors."),
    )

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "description",
        "document_type",
        "number",
        "date_adopted",
        "issuing_body",
        "language",
        "site",
        "is_public",
        "tags",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("number", boost=5),
        index.SearchField("issuing_body"),
        index.AutocompleteField("number"),
        index.FilterField("site"),
        index.FilterField("is_public"),
        index.FilterField("document_type"),
        index.FilterField("date_adopted"),
        index.FilterField("issuing_body"),
        index.FilterField("language"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("council document")
        verbose_name_plural = _("council documents")
        permissions = [("choose_document", "Can choose document")]
        indexes = [models.Index(fields=["site", "is_public", "date_adopted"])]

    def clean(self):
        """Validate a newly uploaded file (extension, size, content); see validators."""
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_document_file(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.original_filename = os.path.basename(self.file.name)[:255]
        super().save(*args, **kwargs)

    @property
    def download_filename(self):
        """The name the citizen's browser saves the file under."""
        return self.original_filename or self.filename

    def get_slug(self):
        return document_slug(self.title, self.language)

    @property
    def file_format(self):
        """The format a citizen recognises, e.g. PDF, DOCX."""
        return self.file_extension.upper()

    @property
    def language_locale_code(self):
        return self.language if self.language in dict(settings.LANGUAGES) else ""

    def localized_document_type(self, types_by_key=None):
        """The live document type in the active language (or its default-language name)."""
        own = self.document_type
        if own is None:
            return None
        fallback = own if own.live else None
        if types_by_key is not None:
            return types_by_key.get(own.translation_key, fallback)
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return fallback
        translated = own.get_translation_or_none(locale)
        return translated if translated is not None and translated.live else fallback
