"""The question under a page: the same HTML for every reader (no token, no session), so
the page stays cacheable. Its buttons lead to the form page, which carries the CSRF token."""

from django.template.loader import render_to_string
from django.urls import reverse


def feedback_prompt(page, request):
    """The "Was this page useful?" question (an AFTER_PAGE_BODY filler); not on home pages."""
    if request is None or not getattr(page, "pk", None) or page.depth <= 2:
        return ""
    return render_to_string(
        "feedback/prompt.html",
        {"action": reverse("feedback:answer", args=[page.pk])},
        request=request,
    )
