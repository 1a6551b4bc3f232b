"""What the shared page links (core/includes/pagination.html) need from a list's view."""

from django.utils.http import urlencode


def page_links(page_obj, params=None, *, on_each_side=2, on_ends=1):
    """The include's `page_obj`, `page_range` (elided) and `query_prefix`: the list's
    non-empty filters `params`, in their order, so every page link keeps them."""
    kept = urlencode([(key, value) for key, value in (params or {}).items() if value])
    paginator = page_obj.paginator
    return {
        "page_obj": page_obj,
        "page_range": list(
            paginator.get_elided_page_range(
                page_obj.number, on_each_side=on_each_side, on_ends=on_ends
            )
        ),
        "query_prefix": f"{kept}&" if kept else "",
    }
