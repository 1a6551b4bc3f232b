"""A page's thread in a fixed number of queries: one fetch, a tree built in Python, the
top level paginated."""

from django.core.cache import cache
from django.core.paginator import Paginator

from plugins.comments import conf

ORDERS = ("newest", "oldest")
_COUNT_KEY = "comments:count:{}"


def _comments_of(page_id):
    from plugins.comments.models import Comment

    return list(
        Comment.objects.filter(page_id=page_id)
        .exclude(status=Comment.Status.PENDING)
        .select_related("author", "author__citizen_profile")
        .order_by("created_at", "pk")
    )


def _has_visible(node):
    return node.is_visible or any(_has_visible(child) for child in node.children)


def build_tree(comments):
    """The top-level comments, each with `.children` (oldest first), keeping only published
    comments and placeholders that still have something published under them or that were
    hidden by moderation (so the public sees that something was removed and why)."""
    from plugins.comments.models import Comment

    by_id = {}
    for comment in comments:
        comment.children = []
        by_id[comment.pk] = comment
    roots = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        if comment.parent_id is None:
            roots.append(comment)
        elif parent is not None:
            parent.children.append(comment)

    def keep(node):
        node.children = [child for child in node.children if keep(child)]
        if node.status == Comment.Status.REMOVED:
            return bool(node.children)
        return True

    return [root for root in roots if keep(root)]


class Thread:
    def __init__(self, page, order="newest", page_number=1, per_page=None):
        self.page = page
        self.order = order if order in ORDERS else "newest"
        comments = _comments_of(page.pk)
        self.count = sum(1 for comment in comments if comment.is_visible)
        cache.set(_COUNT_KEY.format(page.pk), self.count, 3600)
        roots = build_tree(comments)
        if self.order == "newest":
            roots.reverse()
        paginator = Paginator(roots, per_page or conf.PER_PAGE())
        self.page_obj = paginator.get_page(page_number)
        self.paginator = paginator


def comment_count(page_id):
    """Published comments on a page, from the cache when it is there (for listings)."""
    from plugins.comments.models import Comment

    key = _COUNT_KEY.format(page_id)
    count = cache.get(key)
    if count is None:
        count = Comment.objects.filter(page_id=page_id, status=Comment.Status.PUBLISHED).count()
        cache.set(key, count, 3600)
    return count


def forget_count(page_id):
    cache.delete(_COUNT_KEY.format(page_id))
