"""What happens to comments: who may post where, posting, reports and moderation."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.core.models import CommentPolicy, ModerationMode
from cms.core.sites import profile_for_request
from plugins.comments import conf
from plugins.comments.models import (
    BlockedCitizen,
    Comment,
    CommentReport,
    CommentSettings,
    ModerationAction,
)
from plugins.comments.notify import notify_reply
from plugins.comments.thread import forget_count


def enabled_for(request):
    return "comments" in profile_for_request(request).plugins


def policy_for(page, request):
    """The page's comment policy on this site (hidden where the plugin is off)."""
    if not enabled_for(request) or not hasattr(page, "get_comment_policy"):
        return CommentPolicy.HIDDEN
    return page.get_comment_policy()


def site_settings(site):
    return CommentSettings.for_site(site) if site else None


def moderation_mode(page, site):
    """Pre or post: the page's own choice, else the site's setting."""
    if getattr(page, "comment_moderation", ""):
        return page.comment_moderation
    settings = site_settings(site)
    return settings.moderation if settings else ModerationMode.POST


def reports_to_hide(site):
    settings = site_settings(site)
    return (settings and settings.reports_to_hide) or conf.REPORTS_TO_HIDE()


def is_verified(user):
    return user.is_staff or EmailAddress.objects.filter(user=user, verified=True).exists()


def is_official(user):
    return user.is_staff or user.has_perm("comments.moderate_comment")


def posting_error(user):
    """Why this signed-in user may not comment, or None."""
    block = BlockedCitizen.objects.filter(user=user).first()
    if block is not None:
        return _("Your account may no longer comment (%(reason)s).") % {
            "reason": block.get_reason_display()
        }
    if not is_verified(user):
        return _("Please confirm your email address before you comment.")
    return None


def page_site(page):
    return page.get_site() or Site.objects.filter(is_default_site=True).first()


def reply_target(parent):
    """Replies nest up to the maximum depth; deeper ones join the deepest level."""
    if parent is not None and parent.depth >= conf.MAX_DEPTH() - 1:
        return parent.parent
    return parent


@transaction.atomic
def post_comment(*, page, site, author, text, parent=None):
    parent = reply_target(parent)
    pre = moderation_mode(page, site) == ModerationMode.PRE and not is_official(author)
    comment = Comment.objects.create(
        page=page,
        site=site,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author=author,
        text=text,
        is_official=is_official(author),
        status=Comment.Status.PENDING if pre else Comment.Status.PUBLISHED,
    )
    forget_count(page.pk)
    if comment.is_visible:
        transaction.on_commit(lambda: notify_reply(comment))
    return comment


def edit_comment(comment, text):
    comment.text = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])


def delete_comment(comment):
    """The author's deletion: the text goes, a placeholder keeps replies in place."""
    comment.text = ""
    comment.status = Comment.Status.REMOVED
    comment.save(update_fields=["text", "status"])
    forget_count(comment.page_id)


@transaction.atomic
def report_comment(comment, reporter, reason):
    """Record a report; True when it was new. Enough reports hide the comment for review."""
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=reporter, defaults={"reason": reason}
    )
    if not created:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count", "status"])
    if comment.status == Comment.Status.PUBLISHED and comment.report_count >= reports_to_hide(
        comment.site
    ):
        reasons = list(comment.reports.values_list("reason", flat=True))
        common = max(set(reasons), key=reasons.count)
        comment.status = Comment.Status.REPORTED
        comment.hidden_reason = common
        comment.save(update_fields=["status", "hidden_reason"])
        ModerationAction.objects.create(
            site=comment.site,
            comment=comment,
            action=ModerationAction.Action.AUTO_HIDE,
            reason=common,
        )
        forget_count(comment.page_id)
    return True


@transaction.atomic
def approve(comment, moderator):
    was_visible = comment.is_visible
    comment.status = Comment.Status.PUBLISHED
    comment.hidden_reason = ""
    comment.save(update_fields=["status", "hidden_reason"])
    ModerationAction.objects.create(
        site=comment.site,
        comment=comment,
        action=ModerationAction.Action.APPROVE,
        moderator=moderator,
    )
    forget_count(comment.page_id)
    if not was_visible and not comment.reports.exists():
        transaction.on_commit(lambda: notify_reply(comment))


@transaction.atomic
def hide(comment, moderator, reason):
    comment.status = Comment.Status.HIDDEN
    comment.hidden_reason = reason
    comment.save(update_fields=["status", "hidden_reason"])
    ModerationAction.objects.create(
        site=comment.site,
        comment=comment,
        action=ModerationAction.Action.HIDE,
        reason=reason,
        moderator=moderator,
    )
    forget_count(comment.page_id)


@transaction.atomic
def block(user, moderator, reason, comment=None):
    BlockedCitizen.objects.update_or_create(
        user=user, defaults={"reason": reason, "blocked_by": moderator}
    )
    ModerationAction.objects.create(
        site=comment.site if comment else None,
        comment=comment,
        action=ModerationAction.Action.BLOCK,
        reason=reason,
        moderator=moderator,
    )


@transaction.atomic
def unblock(user, moderator):
    BlockedCitizen.objects.filter(user=user).delete()
    ModerationAction.objects.create(action=ModerationAction.Action.UNBLOCK, moderator=moderator)
