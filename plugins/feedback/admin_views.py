"""Editors' report: how many readers found each page useful, and what they wrote. An editor
sees the pages they may edit; the counts are grouped in the database (one query a screen)."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.permission_policies.pages import PagePermissionPolicy

from plugins.feedback.models import PageFeedback

PAGES_PER_SCREEN = 50
COMMENTS_PER_SCREEN = 50


def _editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])


def report(request):
    rows = (
        PageFeedback.objects.filter(page__in=_editable_pages(request.user).values("pk"))
        .values("page_id", "page__title", "language")
        .annotate(
            yes_count=Count("pk", filter=Q(useful=True)),
            no_count=Count("pk", filter=Q(useful=False)),
            comment_count=Count("pk", filter=~Q(comment="")),
            total=Count("pk"),
        )
        .order_by("-total", "page_id", "language")
    )
    page_obj = Paginator(rows, PAGES_PER_SCREEN).get_page(request.GET.get("p"))
    return TemplateResponse(request, "feedback/admin/report.html", {"page_obj": page_obj})


def page_comments(request, page_id):
    page = get_object_or_404(_editable_pages(request.user), pk=page_id)
    answers = PageFeedback.objects.filter(page=page).exclude(comment="").order_by("-pk")
    counts = PageFeedback.objects.filter(page=page).aggregate(
        yes_count=Count("pk", filter=Q(useful=True)), no_count=Count("pk", filter=Q(useful=False))
    )
    page_obj = Paginator(answers, COMMENTS_PER_SCREEN).get_page(request.GET.get("p"))
    context = {"target_page": page, "page_obj": page_obj, **counts}
    return TemplateResponse(request, "feedback/admin/page_comments.html", context)
