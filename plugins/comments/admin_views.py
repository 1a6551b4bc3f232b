"""The moderation queue in the Wagtail admin: approve, hide with a reason, block a citizen.
Every decision is written to ModerationAction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from plugins.comments import services
from plugins.comments.forms import HideForm
from plugins.comments.models import BlockedCitizen, Comment, CommentReport, ModerationAction

FILTERS = {
    "review": [Comment.Status.PENDING, Comment.Status.REPORTED],
    "published": [Comment.Status.PUBLISHED],
    "hidden": [Comment.Status.HIDDEN],
    "all": None,
}


def _require_moderator(request):
    if not request.user.has_perm("comments.moderate_comment"):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    show = request.GET.get("show") if request.GET.get("show") in FILTERS else "review"
    comments = Comment.objects.select_related(
        "author", "author__citizen_profile", "page", "page__locale", "site", "author__comment_block"
    ).prefetch_related(Prefetch("reports", queryset=CommentReport.objects.order_by("pk")))
    if FILTERS[show]:
        comments = comments.filter(status__in=FILTERS[show])
    site_id = request.GET.get("site", "")
    if site_id.isdigit():
        comments = comments.filter(site_id=int(site_id))
    comments = comments.order_by("-created_at")
    page_obj = Paginator(comments, 50).get_page(request.GET.get("p"))
    blocked = set(BlockedCitizen.objects.values_list("user_id", flat=True))
    for comment in page_obj:
        if comment.is_visible and comment.site:
            language = comment.page.locale.language_code
            comment.answer_url = (
                f"{comment.site.root_url}/{language}/comments/{comment.page_id}/new/"
                f"?reply_to={comment.pk}"
            )
    context = {
        "page_obj": page_obj,
        "show": show,
        "filters": [
            ("review", _("Needs review")),
            ("published", _("Published")),
            ("hidden", _("Hidden")),
            ("all", _("All")),
        ],
        "sites": Site.objects.order_by("site_name"),
        "site_id": site_id,
        "hide_form": HideForm(),
        "blocked": blocked,
    }
    return TemplateResponse(request, "comments/admin/queue.html", context)


@require_POST
def act(request, comment_id):
    _require_moderator(request)
    comment = get_object_or_404(Comment, pk=comment_id)
    action = request.POST.get("action")
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if action == "approve":
        services.approve(comment, request.user)
        messages.success(request, _("Comment approved."))
    elif action == "hide" and reason:
        services.hide(comment, request.user, reason)
        messages.success(request, _("Comment hidden."))
    elif action == "block" and reason and comment.author_id:
        if comment.author.is_staff:
            messages.error(request, _("Staff accounts cannot be blocked here."))
        else:
            services.block(comment.author, request.user, reason, comment=comment)
            if comment.status != Comment.Status.HIDDEN:
                services.hide(comment, request.user, reason)
            messages.success(request, _("Citizen blocked and comment hidden."))
    elif action == "unblock" and comment.author_id:
        services.unblock(comment.author, request.user)
        messages.success(request, _("Citizen unblocked."))
    else:
        messages.error(request, _("Choose an action and a reason."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "comments_admin:queue")


def log(request):
    _require_moderator(request)
    actions = ModerationAction.objects.select_related("moderator", "comment", "site")
    page_obj = Paginator(actions, 100).get_page(request.GET.get("p"))
    return TemplateResponse(request, "comments/admin/log.html", {"page_obj": page_obj})
