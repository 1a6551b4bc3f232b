"""Answering "Was this page useful?": never cached; a POST that is saved is answered by a
redirect to the thank-you page."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cms.core.clientip import client_network
from cms.core.throttle import Throttle
from cms.core.visibility import visible_page_or_404
from plugins.feedback.forms import ANSWERS, FeedbackForm
from plugins.feedback.models import MAX_COMMENT_LENGTH, PageFeedback

TOO_MANY = _("You have sent many answers in a short time. Please try again later.")

#: Answers one client (address or IPv6 /64) may send per hour, across all pages.
answers_per_client = Throttle(
    "feedback", lambda: getattr(settings, "FEEDBACK_ANSWERS_PER_HOUR", 20), 3600
)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, page_id):
    page = visible_page_or_404(request, page_id, in_language=True)
    subject = client_network(request)
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            if not answers_per_client.consume(subject):
                form.add_error(None, TOO_MANY)
                return render(request, "feedback/answer.html", _context(page, form), status=429)
            PageFeedback.objects.create(
                page=page,
                language=translation.get_language(),
                useful=form.useful,
                comment=form.cleaned_data["comment"],
            )
            return redirect("feedback:thanks", page_id=page.pk)
        return render(request, "feedback/answer.html", _context(page, form), status=400)
    chosen = request.GET.get("answer")
    form = FeedbackForm(initial={"answer": chosen} if chosen in ANSWERS else {})
    return render(request, "feedback/answer.html", _context(page, form))


@require_safe
def thanks(request, page_id):
    page = visible_page_or_404(request, page_id, in_language=True)
    return render(request, "feedback/thanks.html", {"target_page": page})


def _context(page, form):
    return {"target_page": page, "form": form, "max_length": MAX_COMMENT_LENGTH}
