"""Comments on pages, citizens' reports, moderators' actions and blocked citizens."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from plugins.comments import conf


class CommentPolicy(models.TextChoices):
    OPEN = "open", _("Open: signed-in citizens may comment")
    CLOSED = "closed", _("Closed: the thread is shown, no new comments")
    HIDDEN = "hidden", _("Hidden: no thread")


class ModerationMode(models.TextChoices):
    POST = "post", _("Post-moderation: visible at once")
    PRE = "pre", _("Pre-moderation: visible after approval")


class PageCommentSettings(models.Model):
    """Whether a page has a thread and how it is moderated, chosen by the page's editors
    ("Comments" in the page's menu in the admin). A page without a row has the default of
    its page type (`COMMENTS_DEFAULT_POLICIES`) and the site's moderation."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="comment_settings",
        verbose_name=_("page"),
    )
    policy = models.CharField(
        _("comments"),
        max_length=10,
        blank=True,
        choices=CommentPolicy.choices,
        help_text=_("Leave empty for the default of this page type."),
    )
    moderation = models.CharField(
        _("comment moderation"),
        max_length=10,
        blank=True,
        choices=ModerationMode.choices,
        help_text=_("Leave empty for the site's setting."),
    )

    class Meta:
        verbose_name = _("comment settings of a page")
        verbose_name_plural = _("comment settings of pages")

    def __str__(self):
        return f"{self.page_id}: {self.policy or '-'} / {self.moderation or '-'}"


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PERSONAL_DATA = "personal_data", _("Personal data of others")
    OTHER = "other", _("Breaks the discussion rules")


REPORT_REASONS = [Reason.SPAM, Reason.OFFENSIVE, Reason.OFF_TOPIC]


class Comment(models.Model):
    """A citizen's (or the municipality's) plain-text comment on a page, or a reply."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Waiting for approval")
        REPORTED = "reported", _("Hidden pending review after reports")
        HIDDEN = "hidden", _("Hidden by a moderator")
        REMOVED = "removed", _("Deleted by its author")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("site"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=20, choices=Reason.choices, blank=True
    )
    is_official = models.BooleanField(_("official answer of the municipality"), default=False)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["page", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]
        # Granted per site (GroupSitePermission), never globally: see BlockedCitizen.
        permissions = [("moderate_comment", _("Can moderate comments"))]

    def __str__(self):
        return f"#{self.pk}: {self.text[:40]}"

    def get_absolute_url(self):
        return f"{self.page.url}#comment-{self.pk}"

    @property
    def is_visible(self):
        return self.status == self.Status.PUBLISHED

    @property
    def shows_placeholder(self):
        return self.status in (self.Status.REPORTED, self.Status.HIDDEN, self.Status.REMOVED)

    def editable_by(self, user, now=None):
        now = now or timezone.now()
        window = timezone.timedelta(minutes=conf.EDIT_MINUTES())
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in (self.Status.PUBLISHED, self.Status.PENDING)
            and now - self.created_at <= window
        )

    def deletable_by(self, user):
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status != self.Status.REMOVED
        )


class CommentReport(models.Model):
    """A citizen's report that a comment breaks the rules (one per citizen and comment)."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_citizen")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (#{self.comment_id})"


class ModerationAction(models.Model):
    """One moderation decision, kept for the record and counted in the public log."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        HIDE = "hide", _("Hidden")
        AUTO_HIDE = "auto_hide", _("Hidden automatically after reports")
        BLOCK = "block", _("Citizen blocked")
        UNBLOCK = "unblock", _("Citizen unblocked")

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, null=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} (#{self.comment_id})"


class BlockedCitizen(models.Model):
    """A citizen who may no longer comment, edit or report on one site, with the reason.

    Moderation rights are per site: a user moderates a site's comments when one of their
    groups holds the `comments.moderate_comment` permission on that site (Wagtail's
    GroupSitePermission, set in the group editor's "Comment moderation" panel); superusers
    moderate every site. A moderator's block covers the site of the comment they acted on;
    a block on every site (`site` empty) is for superusers only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_blocks",
        verbose_name=_("citizen"),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Empty: blocked on every site."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("blocked by"),
    )
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked citizen")
        verbose_name_plural = _("blocked citizens")
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="one_block_per_citizen_site"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(site__isnull=True),
                name="one_global_block_per_citizen",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_reason_display()})"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """How this site's comment threads are moderated (pages may override it)."""

    moderation = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports before a comment is hidden for review"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the installation's default."),
    )

    panels = [FieldPanel("moderation"), FieldPanel("reports_to_hide")]

    class Meta:
        verbose_name = _("comment settings")
