"""The editors' side in the Wagtail admin: consultations with their response counts, the
free-text answers (withhold or publish each one), and exports of every response."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins.consultations.exports import responses_csv, responses_xlsx
from plugins.consultations.models import Answer, ConsultationPage, Response


def _editable(request, page_id):
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def index(request):
    counts = (
        Response.objects.filter(consultation_key=OuterRef("translation_key"))
        .order_by()
        .values("consultation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    pages = (
        ConsultationPage.objects.select_related("locale")
        .annotate(response_count=Subquery(counts))
        .order_by("-closes_at", "locale__language_code")
    )
    editable = [page for page in pages if page.permissions_for_user(request.user).can_edit()]
    return TemplateResponse(request, "consultations/admin/index.html", {"pages": editable})


def responses(request, page_id):
    page = _editable(request, page_id)
    text_questions = [question for question in page.question_list if question.is_text]
    labels = {question.key: question.label for question in text_questions}
    answers = (
        Answer.objects.filter(consultation_key=page.consultation_key, question_key__in=labels)
        .exclude(text="")
        .select_related("response")
        .order_by("pk")
    )
    page_obj = Paginator(answers, 50).get_page(request.GET.get("p"))
    for answer in page_obj:
        answer.question_label = labels.get(answer.question_key, "")
    context = {
        "page": page,
        "response_count": Response.objects.filter(consultation_key=page.consultation_key).count(),
        "page_obj": page_obj,
        "published_questions": [q for q in text_questions if q.publish_answers],
    }
    return TemplateResponse(request, "consultations/admin/responses.html", context)


@require_POST
def toggle_answer(request, page_id, answer_id):
    page = _editable(request, page_id)
    answer = get_object_or_404(Answer, pk=answer_id, consultation_key=page.consultation_key)
    answer.withheld = request.POST.get("action") == "withhold"
    answer.save(update_fields=["withheld"])
    if answer.withheld:
        messages.success(request, _("The answer is withheld from publication."))
    else:
        messages.success(request, _("The answer may be published."))
    return redirect("consultations_admin:responses", page.pk)


def export(request, page_id, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    page = _editable(request, page_id)
    filename = f"responses-{page.slug}-{page.locale.language_code}"
    if fmt == "xlsx":
        response = HttpResponse(
            responses_xlsx(page),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    else:
        response = HttpResponse(responses_csv(page), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
