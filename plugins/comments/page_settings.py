"""A page's comment policy and moderation: its editors' choice (`PageCommentSettings`), else
the default of its page type; and the same for a whole listing in two queries."""

from django.db.models import Count

from cms.core.models import BasePage
from plugins.comments import conf
from plugins.comments.models import Comment, CommentPolicy, PageCommentSettings


def can_have_thread(page):
    """Content pages (every type built on the core's BasePage) can carry a thread."""
    return isinstance(page, BasePage)


def default_policy(page):
    """The policy of the page's type when its editors chose none."""
    label = page._meta.label_lower if isinstance(page, BasePage) else ""
    return CommentPolicy(conf.DEFAULT_POLICIES().get(label, conf.DEFAULT_POLICY()))


def settings_of(page):
    """The page's own settings (unsaved and empty when its editors chose nothing)."""
    found = PageCommentSettings.objects.filter(page_id=page.pk).first()
    return found or PageCommentSettings(page_id=page.pk)


def effective_policy(page, chosen=None):
    """`chosen` (the page's own choice, looked up when not given), else its type's default."""
    if not can_have_thread(page):
        return CommentPolicy.HIDDEN
    if chosen is None:
        chosen = settings_of(page).policy
    return CommentPolicy(chosen or default_policy(page))


def save_settings(page, policy, moderation):
    """Store the editors' choice for the page; no row is kept when both are left empty."""
    if not policy and not moderation:
        PageCommentSettings.objects.filter(page_id=page.pk).delete()
        return
    PageCommentSettings.objects.update_or_create(
        page_id=page.pk, defaults={"policy": policy, "moderation": moderation}
    )


def _siblings(page):
    """The pages beside `page` under the same parent: a listing shows siblings."""
    return {"page__path__startswith": page.path[: -page.steplen], "page__depth": page.depth}


def listing_state(page, request):
    """(policy, published comments) of a page shown in a listing. The first page asked
    about loads the choices and counts of all its siblings at once (two queries per
    listing, whatever its length), kept on the request for the others."""
    memo = request.__dict__.setdefault("_comments_listing", {})
    parent = page.path[: -page.steplen]
    if parent not in memo:
        siblings = _siblings(page)
        chosen = dict(
            PageCommentSettings.objects.filter(**siblings).values_list("page_id", "policy")
        )
        counts = dict(
            Comment.objects.filter(status=Comment.Status.PUBLISHED, **siblings)
            .values("page_id")
            .annotate(total=Count("pk"))
            .values_list("page_id", "total")
        )
        memo[parent] = (chosen, counts)
    chosen, counts = memo[parent]
    return effective_policy(page, chosen.get(page.pk, "")), counts.get(page.pk, 0)
