"""Answering a consultation: never cached, every POST answered by a redirect."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.core.citizens import verified_citizen
from cms.core.clientip import client_network
from cms.core.phases import render_closed_form
from cms.core.visibility import visible_page_or_404
from plugins.consultations.abuse import MailRefused
from plugins.consultations.forms import ResponseForm
from plugins.consultations.models import ConsultationPage, ConsultationStatus, Respondents, Response
from plugins.consultations.receipts import (
    answer_rows,
    receipt_path,
    receipt_rows,
    response_for_token,
)
from plugins.consultations.services import (
    ConsultationClosed,
    confirm_pending,
    email_hash,
    pending_for_token,
    save_response,
    store_pending,
    stored_answers,
)


def consultation_for(request, page_id):
    """The consultation `page_id` of this site when the visitor may see it, else 404."""
    return visible_page_or_404(request, page_id, ConsultationPage)


def _in_language(request, page):
    """The page in the URL's language (a redirect target when it is another version)."""
    language = translation.get_language()
    if page.locale.language_code == language:
        return page
    other = page.get_translations().filter(locale__language_code=language).first()
    if other is None:
        raise Http404
    return visible_page_or_404(request, other, ConsultationPage)


def _closed(request, page):
    """Why the consultation takes no answers now (not open yet, or closed), by the core's
    rule for closed forms: 200 to reading the form's address, 403 to sending to it."""
    context = {"target_page": page, "status": page.status()}
    return render_closed_form(request, "consultations/closed.html", context)


def _base_url(request):
    return request.build_absolute_uri("/")


def _existing_response(page, user):
    if user is None:
        return None
    lookup = {"consultation_key": page.consultation_key}
    if page.respondents == Respondents.EMAIL:
        lookup["email_hash"] = email_hash(user.email)
    else:
        lookup["user"] = user
    return Response.objects.filter(**lookup).first()


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, page_id):
    found = consultation_for(request, page_id)
    page = _in_language(request, found)
    if page.pk != found.pk:
        return redirect("consultations_respond", page.pk)
    if page.status() != ConsultationStatus.OPEN:
        return _closed(request, page)
    citizen = verified_citizen(request)
    if page.respondents == Respondents.CITIZENS and citizen is None:
        if request.method == "POST" or request.user.is_authenticated:
            context = {"target_page": page, "unverified": request.user.is_authenticated}
            return render(request, "consultations/sign_in.html", context, status=403)
        return redirect_to_login(request.get_full_path())
    existing = _existing_response(page, citizen)
    questions = page.question_list
    initial = ResponseForm.initial_from(questions, stored_answers(existing)) if existing else {}
    form = ResponseForm(questions, request.POST or None, initial=initial, ask_email=citizen is None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if citizen is not None:
                    email = citizen.email if page.respondents == Respondents.EMAIL else None
                    response, _created = save_response(
                        page, form.answers(), user=citizen, email=email, base_url=_base_url(request)
                    )
                    return redirect(receipt_path(response, page.locale.language_code))
                _pending, mailed = store_pending(
                    page,
                    form.answers(),
                    form.cleaned_data["email"],
                    client=client_network(request),
                    base_url=_base_url(request),
                )
            except ConsultationClosed:
                return _closed(request, page)
            except MailRefused as refusal:
                form.add_error(None, refusal.message)
                status = 429
            else:
                sent = reverse("consultations_check_email", args=[page.pk])
                return redirect(sent if mailed else f"{sent}?mail=earlier")
    context = {
        "target_page": page,
        "form": form,
        "existing": existing,
        "citizen": citizen,
    }
    return render(request, "consultations/respond.html", context, status=status)


@never_cache
def check_email(request, page_id):
    page = _in_language(request, consultation_for(request, page_id))
    context = {"target_page": page, "earlier_link": request.GET.get("mail") == "earlier"}
    return render(request, "consultations/check_email.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    pending = pending_for_token(token)
    if pending is None or pending.page is None:
        return render(request, "consultations/confirm_invalid.html", status=404)
    try:
        page = visible_page_or_404(request, pending.page, ConsultationPage)
    except Http404:
        return render(request, "consultations/confirm_invalid.html", status=404)
    if request.method == "POST":
        try:
            response = confirm_pending(pending, base_url=_base_url(request))
        except ConsultationClosed:
            return _closed(request, page)
        if response is None:
            return render(request, "consultations/confirm_invalid.html", status=404)
        return redirect(receipt_path(response, page.locale.language_code))
    if page.status() != ConsultationStatus.OPEN:
        return _closed(request, page)
    context = {"target_page": page, "rows": answer_rows(page, pending.answers)}
    return render(request, "consultations/confirm.html", context)


@never_cache
def receipt(request, token):
    response = response_for_token(token)
    if response is None or response.page is None:
        raise Http404
    page = visible_page_or_404(request, response.page, ConsultationPage)
    context = {
        "target_page": page,
        "response": response,
        "rows": receipt_rows(page, response),
        "can_change": page.status() == ConsultationStatus.OPEN,
    }
    return render(request, "consultations/receipt.html", context)
