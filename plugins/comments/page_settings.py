"""A page's comment policy and moderation: its editors' choice (`PageCommentSettings`), else
the default of its page type; and the same for the pages of a listing."""

from wagtail.models import Page

from cms.core.chrome import cached
from cms.core.models import BasePage
from plugins.comments import conf
from plugins.comments.models import CommentPolicy, PageCommentSettings
from plugins.comments.thread import comment_count


def _page_class(page):
    """The page's own type, also for a plain `Page` row (from its cached content type)."""
    return (page.specific_class or Page) if type(page) is Page else type(page)


def can_have_thread(page):
    """Content pages (every type built on the core's BasePage) can carry a thread."""
    return issubclass(_page_class(page), BasePage)


def default_policy(page):
    """The policy of the page's type when its editors chose none."""
    label = _page_class(page)._meta.label_lower
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


def chosen_policies(page, request):
    """{page id: policy} of every page of `page`'s home tree whose editors chose a policy
    (only those have a row): one query, kept with the page frame (cms.core.chrome; a saved
    or deleted choice replaces its token, see apps.py) and on the request."""
    memo = request.__dict__.setdefault("_comments_listing", {})
    tree = page.path[: 2 * page.steplen]  # the site's home in this language
    if tree not in memo:
        memo[tree] = cached(
            request,
            "comment-policies",
            [tree],
            lambda: dict(
                PageCommentSettings.objects.filter(page__path__startswith=tree).values_list(
                    "page_id", "policy"
                )
            ),
        )
    return memo[tree]


def listing_state(page, request):
    """(policy, published comments) of a page shown in a listing, in a number of queries
    that does not grow with the listing: the choices of the page's tree (`chosen_policies`),
    and the count of a page with a thread from the cache."""
    policy = effective_policy(page, chosen_policies(page, request).get(page.pk, ""))
    if policy == CommentPolicy.HIDDEN:
        return policy, 0
    return policy, comment_count(page.pk)
