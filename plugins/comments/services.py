"""What happens to comments: who may post where, posting, reports and moderation."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.core.citizens import is_verified_citizen
from cms.core.manifest import app_enabled
from cms.core.sites import site_for_page
from plugins.comments import conf, page_settings, rights
from plugins.comments.models import (
    BlockedCitizen,
    Comment,
    CommentPolicy,
    CommentReport,
    CommentSettings,
    ModerationAction,
    ModerationMode,
)
from plugins.comments.notify import notify_reply
from plugins.comments.thread import forget_count


def enabled_for(request):
    return app_enabled(request, "comments")


def policy_for(page, request):
    """The page's comment policy on this site (hidden where the plugin is off)."""
    if not enabled_for(request) or not page_settings.can_have_thread(page):
        return CommentPolicy.HIDDEN
    chosen = page_settings.chosen_policies(page, request).get(page.pk, "")
    return page_settings.effective_policy(page, chosen)


def site_settings(site):
    return CommentSettings.for_site(site) if site else None


def moderation_mode(page, site):
    """Pre or post: the page's own choice, else the site's setting."""
    chosen = page_settings.settings_of(page).moderation
    if chosen:
        return chosen
    settings = site_settings(site)
    return settings.moderation if settings else ModerationMode.POST


def reports_to_hide(site):
    settings = site_settings(site)
    return (settings and settings.reports_to_hide) or conf.REPORTS_TO_HIDE()


def is_verified(user):
    """A verified citizen (the core's rule), or staff."""
    return user.is_staff or is_verified_citizen(user)


def is_official(user, site):
    """Staff, or a moderator of the site: posts the municipality's answers, unmoderated."""
    return user.is_staff or rights.can_moderate(user, site)


def block_of(user, site):
    """The block that keeps `user` from taking part on `site` (or on every site), or None."""
    return (
        BlockedCitizen.objects.filter(user=user)
        .filter(Q(site=site) | Q(site__isnull=True))
        .order_by("site_id")
        .first()
    )


def blocked_error(user, site):
    """Why a blocked citizen may not comment, edit or report here, or None."""
    block = block_of(user, site)
    if block is None:
        return None
    return _(
        "Your account may no longer comment, edit or report comments on this site (%(reason)s)."
    ) % {"reason": block.get_reason_display()}


def posting_error(user, site):
    """Why this signed-in user may not comment on `site`, or None."""
    error = blocked_error(user, site)
    if error:
        return error
    if not is_verified(user):
        return _("Please confirm your email address before you comment.")
    return None


def page_site(page):
    return site_for_page(page) or Site.objects.filter(is_default_site=True).first()


def reply_target(parent):
    """Replies nest up to the maximum depth; deeper ones join the deepest level."""
    if parent is not None and parent.depth >= conf.MAX_DEPTH() - 1:
        return parent.parent
    return parent


@transaction.atomic
def post_comment(*, page, site, author, text, parent=None):
    parent = reply_target(parent)
    official = is_official(author, site)
    pre = moderation_mode(page, site) == ModerationMode.PRE and not official
    comment = Comment.objects.create(
        page=page,
        site=site,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author=author,
        text=text,
        is_official=official,
        status=Comment.Status.PENDING if pre else Comment.Status.PUBLISHED,
    )
    forget_count(page.pk)
    if comment.is_visible:
        transaction.on_commit(lambda: notify_reply(comment))
    return comment


def edit_comment(comment, text, page=None):
    """The author's edit. Under pre-moderation an approved comment goes back to the queue
    (hidden until a moderator approves it again), unless its author is official."""
    page = page or comment.page.specific
    comment.text = text
    comment.edited_at = timezone.now()
    fields = ["text", "edited_at"]
    pre = moderation_mode(page, comment.site) == ModerationMode.PRE
    if pre and comment.is_visible and not is_official(comment.author, comment.site):
        comment.status = Comment.Status.PENDING
        fields.append("status")
        forget_count(comment.page_id)
    comment.save(update_fields=fields)


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
    approved_before = comment.moderation_actions.filter(
        action=ModerationAction.Action.APPROVE
    ).exists()
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
    if not was_visible and not approved_before and not comment.reports.exists():
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
def block(user, moderator, reason, comment=None, site=None, everywhere=False):
    """Block `user` on `site` (the comment's site by default), or on every site."""
    site = site or (comment.site if comment else None)
    BlockedCitizen.objects.update_or_create(
        user=user,
        site=None if everywhere else site,
        defaults={"reason": reason, "blocked_by": moderator},
    )
    ModerationAction.objects.create(
        site=site,
        comment=comment,
        action=ModerationAction.Action.BLOCK,
        reason=reason,
        moderator=moderator,
    )


@transaction.atomic
def unblock(user, moderator, site, everywhere=False):
    """Lift the block of `user` on `site`, and the block on every site if `everywhere`."""
    blocks = BlockedCitizen.objects.filter(user=user)
    blocks.filter(Q(site=site) | Q(site__isnull=True) if everywhere else Q(site=site)).delete()
    ModerationAction.objects.create(
        site=site, action=ModerationAction.Action.UNBLOCK, moderator=moderator
    )
