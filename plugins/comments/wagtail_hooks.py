from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.comments import admin_urls, page_settings, rights, services
from plugins.comments.admin_page_settings import PageCommentsButton
from plugins.comments.models import Comment, CommentPolicy
from plugins.comments.rendering import render_thread


def comment_thread(page, request):
    """The page's comment thread (an AFTER_PAGE_BODY filler)."""
    return render_thread(page, request)


def listing_comment_count(page, request):
    """The number of comments beside a page in listings (a LISTING_ITEM_META filler)."""
    if request is None or not services.enabled_for(request):
        return ""
    if not page_settings.can_have_thread(page):
        return ""
    policy, count = page_settings.listing_state(page, request)
    if policy == CommentPolicy.HIDDEN or not count:
        return ""
    return render_to_string("comments/listing_count.html", {"count": count})


def account_comments(request):
    """The citizen's latest comments on their account page (an ACCOUNT_PAGE filler)."""
    comments = (
        Comment.objects.filter(author=request.user)
        .exclude(status=Comment.Status.REMOVED)
        .select_related("page")
        .order_by("-created_at")[:10]
    )
    return render_to_string(
        "comments/account_section.html", {"comments": comments}, request=request
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include((admin_urls.urlpatterns, "comments_admin")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return rights.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Comments"), reverse("comments_admin:queue"), icon_name="comment", order=350
    )


@hooks.register("register_page_header_buttons")
def page_comments_header_button(page, user, view_name, next_url=None):
    """The page's "Comment settings" in the editor's header menu: whether it has a thread."""
    yield PageCommentsButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_comments_listing_button(page, user, next_url=None):
    yield PageCommentsButton(page=page, priority=45)


@hooks.register("register_group_permission_panel")
def register_moderation_sites_panel():
    """Moderation rights are granted per site in the group editor, never globally."""
    return rights.ModerationSitesForm
