"""A page's thread in a fixed number of queries: the tree of the whole page from one light
query, built in Python, the top level paginated, then the shown comments in full from a
second query."""

from django.core.cache import cache
from django.core.paginator import Paginator

from plugins.comments import conf

ORDERS = ("newest", "oldest")
_COUNT_KEY = "comments:count:{}"


class _Node:
    """A comment's place in the tree, before its text and author are loaded."""

    __slots__ = ("pk", "parent_id", "status", "children")

    def __init__(self, pk, parent_id, status):
        self.pk, self.parent_id, self.status, self.children = pk, parent_id, status, []

    @property
    def is_visible(self):
        return self.status == "published"


def _skeleton(page_id):
    """Every shown comment of the page as a light node, oldest first (one query)."""
    from plugins.comments.models import Comment

    rows = (
        Comment.objects.filter(page_id=page_id)
        .exclude(status=Comment.Status.PENDING)
        .order_by("created_at", "pk")
        .values_list("pk", "parent_id", "status")
    )
    return [_Node(*row) for row in rows]


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


def _load(nodes):
    """The full comments (author and profile joined) for the nodes shown (one query), in
    the same tree shape."""
    from plugins.comments.models import Comment

    wanted = []

    def collect(node):
        wanted.append(node.pk)
        for child in node.children:
            collect(child)

    for node in nodes:
        collect(node)
    full = Comment.objects.select_related("author", "author__citizen_profile").in_bulk(wanted)

    def swap(node):
        comment = full[node.pk]
        comment.children = [swap(child) for child in node.children]
        return comment

    return [swap(node) for node in nodes if node.pk in full]


class Thread:
    def __init__(self, page, order="newest", page_number=1, per_page=None):
        self.page = page
        self.order = order if order in ORDERS else "newest"
        nodes = _skeleton(page.pk)
        self.count = sum(1 for node in nodes if node.is_visible)
        cache.set(_COUNT_KEY.format(page.pk), self.count, 3600)
        roots = build_tree(nodes)
        if self.order == "newest":
            roots.reverse()
        self.paginator = Paginator(roots, per_page or conf.PER_PAGE())
        self.page_obj = self.paginator.get_page(page_number)
        self.page_obj.object_list = _load(self.page_obj.object_list)


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
