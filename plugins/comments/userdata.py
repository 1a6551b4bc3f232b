"""The comments plugin's part of "download my data" and "delete my account"."""

from plugins.comments.models import BlockedCitizen, Comment, CommentReport
from plugins.comments.thread import forget_count


def export_comments(user):
    comments = Comment.objects.filter(author=user).select_related("page").order_by("created_at")
    reports = CommentReport.objects.filter(reporter=user).order_by("created_at")
    blocks = BlockedCitizen.objects.filter(user=user).select_related("site").order_by("pk")
    return {
        "comments": [
            {
                "id": comment.pk,
                "page": comment.page.title,
                "page_url": comment.page.full_url,
                "reply_to": comment.parent_id,
                "text": comment.text,
                "status": comment.status,
                "official": comment.is_official,
                "posted": comment.created_at,
                "edited": comment.edited_at,
            }
            for comment in comments
        ],
        "reports": [
            {"comment": report.comment_id, "reason": report.reason, "reported": report.created_at}
            for report in reports
        ],
        "blocked": [
            {
                "site": block.site.site_name if block.site else None,
                "reason": block.reason,
                "since": block.created_at,
            }
            for block in blocks
        ],
    }


def erase_comments(user, remove_content):
    """Comments stay (shown as by a deleted account) unless the citizen asked to remove
    them too; their reports stay anonymous so moderation counts do not change."""
    comments = Comment.objects.filter(author=user)
    for page_id in set(comments.values_list("page_id", flat=True)):
        forget_count(page_id)
    if remove_content:
        comments.update(text="", status=Comment.Status.REMOVED)
    comments.update(author=None)
    CommentReport.objects.filter(reporter=user).update(reporter=None)
    BlockedCitizen.objects.filter(user=user).delete()
