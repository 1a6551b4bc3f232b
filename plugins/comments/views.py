"""Citizens' comment pages: never cached, each POST answered by a redirect and a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from cms.core.manifest import app_enabled
from cms.core.visibility import visible_page_or_404
from plugins.comments import abuse, services
from plugins.comments.forms import CommentForm, ReportForm
from plugins.comments.models import Comment, CommentPolicy, ModerationAction, Reason


def _site_page(request, page_id):
    """The page `page_id` of the site that serves the request when the visitor may see it
    (the core's visibility rule), else 404."""
    page = visible_page_or_404(request, page_id)
    site = Site.find_for_request(request)
    if services.policy_for(page, request) == CommentPolicy.HIDDEN:
        raise Http404
    return page, site


def _refuse(request, message, page=None, status=403):
    context = {"message": message, "target_page": page}
    return render(request, "comments/refused.html", context, status=status)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _thread_url(request, page, comment=None):
    anchor = f"#comment-{comment.pk}" if comment is not None and comment.is_visible else "#comments"
    return page.get_url(request) + anchor


@never_cache
@login_required
def new_comment(request, page_id):
    page, site = _site_page(request, page_id)
    parent = None
    reply_to = request.POST.get("reply_to") or request.GET.get("reply_to")
    if reply_to:
        parent = (
            Comment.objects.filter(pk=_int(reply_to) or 0)
            .select_related("author__citizen_profile")
            .first()
        )
        if parent is None or parent.page_id != page.pk or not parent.is_visible:
            return _refuse(request, _("You cannot reply to this comment."), page, status=400)
    if services.policy_for(page, request) != CommentPolicy.OPEN:
        return _refuse(request, _("Comments are closed on this page."), page)
    error = services.posting_error(request.user, site)
    if error:
        return _refuse(request, error, page)
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            text = form.cleaned_data["text"]
            limited = abuse.rate_limit_error(request, request.user)
            error = limited or abuse.duplicate_error(request.user, text)
            if error:
                form.add_error(None, error)
                status = 429 if limited else 400
            else:
                comment = services.post_comment(
                    page=page, site=site, author=request.user, text=text, parent=parent
                )
                abuse.record_post(request, request.user)
                if comment.is_visible:
                    messages.success(request, _("Your comment has been published."))
                else:
                    messages.info(
                        request,
                        _("Thank you. Your comment will appear once a moderator approves it."),
                    )
                return redirect(_thread_url(request, page, comment))
    context = {"form": form, "target_page": page, "parent": parent}
    return render(request, "comments/comment_form.html", context, status=status)


def _own_comment(request, comment_id):
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    page, _site = _site_page(request, comment.page_id)
    return comment, page


@never_cache
@login_required
def edit_comment(request, comment_id):
    comment, page = _own_comment(request, comment_id)
    if not comment.editable_by(request.user):
        return _refuse(request, _("You can edit only your own comments, within 15 minutes."), page)
    blocked = services.blocked_error(request.user, comment.site)
    if blocked:
        return _refuse(request, blocked, page)
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            text = form.cleaned_data["text"]
            error = abuse.duplicate_error(request.user, text, exclude_pk=comment.pk)
            if error:
                form.add_error(None, error)
            else:
                services.edit_comment(comment, text, page)
                if comment.is_visible:
                    messages.success(request, _("Your comment has been changed."))
                else:
                    messages.info(
                        request,
                        _(
                            "Your comment has been changed. It will appear once a moderator "
                            "approves it."
                        ),
                    )
                return redirect(_thread_url(request, page, comment))
    context = {"form": form, "target_page": page, "comment": comment, "editing": True}
    return render(request, "comments/comment_form.html", context, status=status)


@never_cache
@login_required
def delete_comment(request, comment_id):
    comment, page = _own_comment(request, comment_id)
    if not comment.deletable_by(request.user):
        return _refuse(request, _("You can delete only your own comments."), page)
    if request.method == "POST":
        services.delete_comment(comment)
        messages.success(request, _("Your comment has been deleted."))
        return redirect(_thread_url(request, page))
    context = {"comment": comment, "target_page": page}
    return render(request, "comments/confirm_delete.html", context)


@never_cache
@login_required
def report_comment(request, comment_id):
    comment, page = _own_comment(request, comment_id)
    if not comment.is_visible:
        return _refuse(request, _("This comment is already hidden."), page, status=400)
    if comment.author_id == request.user.pk:
        return _refuse(request, _("You cannot report your own comment."), page, status=400)
    blocked = services.blocked_error(request.user, comment.site)
    if blocked:
        return _refuse(request, blocked, page)
    if not services.is_verified(request.user):
        return _refuse(request, _("Please confirm your email address before you comment."), page)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.report_comment(comment, request.user, form.cleaned_data["reason"]):
            messages.success(request, _("Thank you. The moderators will look at this comment."))
        else:
            messages.info(request, _("You have already reported this comment."))
        return redirect(_thread_url(request, page, comment))
    context = {"form": form, "comment": comment, "target_page": page}
    status = 400 if request.method == "POST" else 200
    return render(request, "comments/report.html", context, status=status)


def moderation_log(request):
    """How many comments this site's moderators hid, and why: counts, never content."""
    if not app_enabled(request, "comments"):
        raise Http404
    site = Site.find_for_request(request)
    actions = ModerationAction.objects.filter(site=site)
    by_reason = dict(
        actions.filter(action=ModerationAction.Action.HIDE)
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    auto_by_reason = dict(
        actions.filter(action=ModerationAction.Action.AUTO_HIDE)
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    rows = [
        {"label": label, "hidden": by_reason.get(value, 0), "auto": auto_by_reason.get(value, 0)}
        for value, label in Reason.choices
    ]
    context = {
        "rows": rows,
        "hidden_total": sum(by_reason.values()),
        "auto_total": sum(auto_by_reason.values()),
        "approved": actions.filter(action=ModerationAction.Action.APPROVE).count(),
        "blocked": actions.filter(action=ModerationAction.Action.BLOCK).count(),
        "pending": Comment.objects.filter(
            site=site, status__in=[Comment.Status.PENDING, Comment.Status.REPORTED]
        ).count(),
        "published": Comment.objects.filter(site=site, status=Comment.Status.PUBLISHED).count(),
    }
    return render(request, "comments/moderation_log.html", context)
