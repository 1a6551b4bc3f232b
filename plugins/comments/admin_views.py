"""The moderation queue in the Wagtail admin: approve, hide with a reason, block a citizen.
A moderator sees and acts on the comments of the sites they moderate only (see `rights`).
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

from plugins.comments import rights, services
from plugins.comments.forms import HideForm
from plugins.comments.models import BlockedCitizen, Comment, CommentReport, ModerationAction

FILTERS = {
    "review": [Comment.Status.PENDING, Comment.Status.REPORTED],
    "published": [Comment.Status.PUBLISHED],
    "hidden": [Comment.Status.HIDDEN],
    "all": None,
}


def _require_moderator(request):
    """The sites the user moderates; 403 when there are none."""
    sites = rights.moderated_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    return sites


def _within(queryset, user, sites):
    """Rows of the moderated sites (a superuser's also those without a site)."""
    if user.is_superuser:
        return queryset
    return queryset.filter(site__in=sites)


def _mark_blocked(comments):
    """Set `author_blocked` on each comment: its author is blocked on its site or everywhere."""
    authors = {comment.author_id for comment in comments if comment.author_id}
    blocks = set(
        BlockedCitizen.objects.filter(user_id__in=authors).values_list("user_id", "site_id")
    )
    for comment in comments:
        comment.author_blocked = bool(
            {(comment.author_id, comment.site_id), (comment.author_id, None)} & blocks
        )


def queue(request):
    sites = _require_moderator(request)
    show = request.GET.get("show") if request.GET.get("show") in FILTERS else "review"
    comments = Comment.objects.select_related(
        "author", "author__citizen_profile", "page", "page__locale", "site"
    ).prefetch_related(Prefetch("reports", queryset=CommentReport.objects.order_by("pk")))
    comments = _within(comments, request.user, sites)
    if FILTERS[show]:
        comments = comments.filter(status__in=FILTERS[show])
    site_id = request.GET.get("site", "")
    if site_id.isdigit():
        comments = comments.filter(site_id=int(site_id))
    comments = comments.order_by("-created_at")
    page_obj = Paginator(comments, 50).get_page(request.GET.get("p"))
    _mark_blocked(page_obj)
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
        "sites": sites.order_by("site_name"),
        "site_id": site_id,
        "hide_form": HideForm(),
        "may_block_everywhere": request.user.is_superuser,
    }
    return TemplateResponse(request, "comments/admin/queue.html", context)


@require_POST
def act(request, comment_id):
    _require_moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("site", "author"), pk=comment_id)
    if not rights.can_moderate(request.user, comment.site):
        raise PermissionDenied
    superuser = request.user.is_superuser
    action = request.POST.get("action")
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if action == "approve":
        services.approve(comment, request.user)
        messages.success(request, _("Comment approved."))
    elif action == "hide" and reason:
        services.hide(comment, request.user, reason)
        messages.success(request, _("Comment hidden."))
    elif action in ("block", "block_everywhere") and reason and comment.author_id:
        everywhere = action == "block_everywhere"
        if comment.author.is_staff:
            messages.error(request, _("Staff accounts cannot be blocked here."))
        elif everywhere and not superuser:
            raise PermissionDenied
        else:
            services.block(
                comment.author, request.user, reason, comment=comment, everywhere=everywhere
            )
            if comment.status != Comment.Status.HIDDEN:
                services.hide(comment, request.user, reason)
            if everywhere:
                messages.success(request, _("Citizen blocked on every site and comment hidden."))
            else:
                messages.success(request, _("Citizen blocked and comment hidden."))
    elif action == "unblock" and comment.author_id:
        services.unblock(comment.author, request.user, comment.site, everywhere=superuser)
        if services.block_of(comment.author, comment.site) is None:
            messages.success(request, _("Citizen unblocked."))
        else:
            messages.error(
                request,
                _("This citizen is blocked on every site: only an administrator can lift it."),
            )
    else:
        messages.error(request, _("Choose an action and a reason."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "comments_admin:queue")


def log(request):
    sites = _require_moderator(request)
    actions = _within(
        ModerationAction.objects.select_related("moderator", "comment", "site"),
        request.user,
        sites,
    )
    page_obj = Paginator(actions, 100).get_page(request.GET.get("p"))
    return TemplateResponse(request, "comments/admin/log.html", {"page_obj": page_obj})
