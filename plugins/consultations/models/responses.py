"""What respondents sent: one counted response per citizen or confirmed email address per
consultation (all its language versions together), and the answers it holds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    """A reference number a citizen can read out on the phone: C-XXXX-XXXX."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"C-{code[:4]}-{code[4:]}"


def new_token():
    return secrets.token_urlsafe(32)


class Response(models.Model):
    """A counted response. `consultation_key` is the translation key shared by every language
    version; `user` (a verified citizen) or `email_hash` (a confirmed address) says whose it
    is, and both are cleared when the citizen deletes their account: the answers still count."""

    consultation_key = models.UUIDField(_("consultation"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("answered on"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    email_hash = models.CharField(_("confirmed email (hashed)"), max_length=64, blank=True)
    reference = models.CharField(_("reference number"), max_length=16, unique=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_key", "user"],
                condition=Q(user__isnull=False),
                name="consultations_one_response_per_citizen",
            ),
            models.UniqueConstraint(
                fields=["consultation_key", "email_hash"],
                condition=~Q(email_hash=""),
                name="consultations_one_response_per_email",
            ),
        ]

    def __str__(self):
        return self.reference


class Answer(models.Model):
    """One answer: a chosen option (one row per option of a multiple choice) or a text.
    Keys are the question's and choice's stable ids, not their labels."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    consultation_key = models.UUIDField()
    question_key = models.CharField(max_length=64)
    choice_key = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    withheld = models.BooleanField(
        _("withheld from publication"),
        default=False,
        help_text=_("A published free-text answer that editors chose not to show."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(
                fields=["consultation_key", "question_key", "choice_key"],
                name="consultations_answer_count",
            )
        ]

    def __str__(self):
        return f"{self.question_key}: {self.choice_key or self.text[:40]}"


class PendingResponse(models.Model):
    """Answers from someone who is not signed in, kept until they confirm their email
    address (then they become a Response) or the link expires. One per mailbox and
    consultation (`email_hash` as in Response): answering again replaces the answers, and
    the link already sent confirms the newest ones."""

    token = models.CharField(max_length=64, unique=True, default=new_token)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    consultation_key = models.UUIDField()
    email = models.EmailField(_("email"))
    email_hash = models.CharField(max_length=64, blank=True)
    answers = models.JSONField(default=list)
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response waiting for email confirmation")
        verbose_name_plural = _("responses waiting for email confirmation")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_key", "email_hash"],
                condition=~Q(email_hash=""),
                name="consultations_one_pending_per_email",
            )
        ]

    def __str__(self):
        return f"{self.page_id} ({self.created_at:%Y-%m-%d})"
