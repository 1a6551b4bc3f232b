"""E-petitions: the index page that carries every public route, topics, petitions, their
attachments, signatures (with a per-day tally for the chart) and the timeline of events."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.models import BasePage, CitizenContribution
from cms.core.routes import RoutesModulePage
from cms.core.sites import profile_for_page


def site_zone(index):
    """The time zone of the site of the petitions index `index`."""
    return zoneinfo.ZoneInfo(profile_for_page(index).time_zone)


class PetitionIndexPage(RoutesModulePage, BasePage):
    """The petitions of a site in one language. Every public petition route is one of its
    sub-routes (plugins/petitions/routes.py), so each goes through the page's visibility
    rule and the plugin switch."""

    routes_module = "plugins.petitions.routes"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("petitions index")
        verbose_name_plural = _("petitions indexes")

    def petitions(self):
        """The petitions of this site, whichever language version of the index they were
        started on."""
        return Petition.objects.filter(index__translation_key=self.translation_key)


class PetitionTopic(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A topic petitions are filed under (roads, schools, parks...), per language. A draft
    (a translator's new translation before it is published) is offered to nobody."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("petition topic")
        verbose_name_plural = _("petition topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PetitionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    REFUSED = "refused", _("Refused")
    COLLECTING = "collecting", _("Collecting signatures")
    CONSIDERATION = "consideration", _("Under consideration")
    FAILED = "failed", _("Not enough signatures")
    ANSWERED = "answered", _("Answered")


#: Statuses the public may see (a pending or refused petition is shown to its author only).
PUBLIC_STATUSES = (
    PetitionStatus.COLLECTING,
    PetitionStatus.CONSIDERATION,
    PetitionStatus.FAILED,
    PetitionStatus.ANSWERED,
)


class RefusalReason(models.TextChoices):
    DUPLICATE = "duplicate", _("It duplicates a petition already published")
    OUTSIDE_POWERS = "outside_powers", _("It is outside the municipality's powers")
    OFFENSIVE = "offensive", _("It contains offensive language")
    PERSONAL_DATA = "personal_data", _("It discloses personal data")


class PetitionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def overdue(self, now=None):
        return self.filter(
            status=PetitionStatus.CONSIDERATION, answer_due_at__lt=now or timezone.now()
        )


class Petition(CitizenContribution):
    """A citizen's petition to the council. The rules (`signatures_needed` and the rest) are
    copied from the site profile when it is published and never change under it."""

    index = models.ForeignKey(
        PetitionIndexPage,
        verbose_name=_("petitions index"),
        on_delete=models.PROTECT,
        related_name="petitions_started_here",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    request = models.TextField(_("what it asks the council to do"), max_length=2000)
    topic = models.ForeignKey(
        PetitionTopic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PetitionStatus.choices,
        default=PetitionStatus.PENDING,
    )
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(_("note to the author"), max_length=2000, blank=True)
    signatures_needed = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    collection_days = models.PositiveIntegerField(_("collection period (days)"), null=True)
    residents_only = models.BooleanField(_("residents only"), default=False)
    #: The level of cms.core.citizens signing needs ("verified", "resident", "identity");
    #: empty on a petition published before the rule was copied: the site's rule of today.
    identity = models.CharField(_("identity needed to sign"), max_length=20, blank=True)
    answer_days = models.PositiveIntegerField(_("days to answer"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    collection_ends_at = models.DateTimeField(_("collection ends"), null=True, blank=True)
    consideration_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answer_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("answer document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    signature_count = models.PositiveIntegerField(_("signatures"), default=0)
    language = models.CharField(_("language"), max_length=8, blank=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["index", "status", "published_at"], name="petitions_list"),
            models.Index(fields=["status", "collection_ends_at"], name="petitions_deadline"),
        ]
        # Granted per site (GroupSitePermission, see plugins.petitions.rights), never globally.
        permissions = [("moderate_petition", _("Can moderate petitions"))]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    @property
    def is_overdue(self):
        return (
            self.status == PetitionStatus.CONSIDERATION
            and self.answer_due_at is not None
            and self.answer_due_at < timezone.now()
        )

    def is_collecting(self, now=None):
        return (
            self.status == PetitionStatus.COLLECTING
            and self.collection_ends_at is not None
            and (now or timezone.now()) < self.collection_ends_at
        )

    def slug_in(self, index):
        """A readable slug from the title (Cyrillic romanised by the national standard of
        the petition's language, else of `index`'s)."""
        from cms.translations.slugs import slug_for

        language = self.language or index.locale.language_code
        return slug_for(self.title, language)[:60].strip("-")

    def get_url(self, request=None, index=None):
        """The petition's address under `index` (a translation of its index), else its own."""
        index = index or self.index
        base = index.get_url(request=request) or ""
        slug = self.slug_in(index)
        return f"{base}{self.pk}-{slug}/" if slug else f"{base}{self.pk}/"


class PetitionAttachment(models.Model):
    """A file the author attached (PDF, JPEG or PNG, checked by its content)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    # Under documents/: never served by address (nginx keeps the folder internal), only by
    # the attachment route, which checks who may see the petition.
    file = models.FileField(_("file"), upload_to="documents/petitions/%Y/%m/")
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name

    @property
    def url(self):
        """The download address under the petition's own index (a path on its site)."""
        parts = self.petition.index.get_url_parts()
        return f"{parts[2]}{self.petition_id}/attachments/{self.pk}/" if parts else ""


class Signature(models.Model):
    """One citizen's signature. Erasing the account clears `user` and keeps the signature,
    so the count stays (anonymously)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petition_signatures",
    )
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    notify = models.BooleanField(_("notify of changes"), default=False)
    created_at = models.DateTimeField(_("signed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "user"],
                condition=Q(user__isnull=False),
                name="petitions_one_signature_per_citizen",
            )
        ]
        indexes = [
            models.Index(fields=["petition", "created_at"], name="petitions_sig_time"),
            # the latest named signers on the petition's page, newest first
            models.Index(
                fields=["petition", "show_name", "created_at"], name="petitions_sig_named"
            ),
        ]

    def __str__(self):
        return f"{self.petition_id}: {self.user_id or '-'}"


class SignatureDay(models.Model):
    """How many signatures a petition received on one day (in the site's time zone)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "day"], name="petitions_one_row_per_day")
        ]

    def __str__(self):
        return f"{self.petition_id} {self.day}: {self.count}"


class PetitionEvent(models.Model):
    """A change of status: the public timeline, and what notifications are sent for."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=PetitionStatus.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.petition_id} {self.status} {self.at:%Y-%m-%d}"
