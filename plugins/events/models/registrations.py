"""Citizens' registrations for events, with a waiting list."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """One citizen's place (or place in the queue) at one occurrence of an event (for a
    one-off event, its only occurrence)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("citizen"),
    )
    occurrence_start = models.DateTimeField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence_start", "user"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_occurrence",
            )
        ]
        indexes = [
            models.Index(
                fields=["event", "occurrence_start", "status", "created_at"],
                name="events_reg_occurrence_idx",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
