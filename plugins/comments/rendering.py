"""The public thread under a page: the same HTML for every anonymous reader (cacheable); a
reader who carries a session cookie and is signed in also gets the form and their own
comments' edit and delete links (that response reads the session, so it is not cached)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.core.extensions import signed_in_reader
from cms.core.pagination import page_links
from plugins.comments import conf, services
from plugins.comments.forms import CommentForm
from plugins.comments.models import CommentPolicy
from plugins.comments.thread import Thread


def _walk(comments):
    for comment in comments:
        yield comment
        yield from _walk(comment.children)


def render_thread(page, request):
    if request is None or not getattr(page, "pk", None):
        return ""
    policy = services.policy_for(page, request)
    if policy == CommentPolicy.HIDDEN:
        return ""
    thread = Thread(
        page,
        order=request.GET.get("comments_order", "newest"),
        page_number=request.GET.get("comments_page"),
    )
    reader = signed_in_reader(request)
    if reader is not None:
        now = timezone.now()
        for comment in _walk(thread.page_obj):
            comment.reader_can_edit = comment.editable_by(reader, now)
            comment.reader_can_delete = comment.deletable_by(reader)
    context = {
        "page": page,
        "thread": thread,
        **page_links(thread.page_obj, {"comments_order": thread.order}),
        "policy": policy,
        "is_open": policy == CommentPolicy.OPEN,
        "reader": reader,
        "form": CommentForm() if reader is not None and policy == CommentPolicy.OPEN else None,
        "new_url": reverse("comments_new", args=[page.pk]),
        "edit_minutes": conf.EDIT_MINUTES(),
    }
    return render_to_string("comments/thread.html", context, request=request)
