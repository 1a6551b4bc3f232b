"""Signing a petition: a verified citizen who holds the levels the petition's rule needs on
its site (residency, identity: cms.core.citizens), once. The petition's page (cached for
everyone) links here; GET shows the form with its CSRF token, POST signs. Every refusal says why and
stores nothing; a counted signature is answered by a redirect to the petition."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cms.core.clientip import client_network
from cms.core.phases import closed_form_status
from plugins.petitions import abuse, services
from plugins.petitions.forms import SignForm
from plugins.petitions.models import Signature
from plugins.petitions.views.start import _render, citizen_or_refusal, identity_refusal
from plugins.petitions.visibility import reachable_petitions


def _context(page, request, petition, **extra):
    return {
        "page": page,
        "petition": petition,
        "petition_url": petition.get_url(request, index=page),
        **extra,
    }


def _refused(page, request, petition, message, status):
    context = _context(page, request, petition, message=message)
    return _render(request, "petitions/sign_refused.html", context, status=status)


def _closed(page, request, petition, message):
    """The collection period is over: cms.core.phases' answer (200 to reading the form's
    address, 403 to sending to it; nothing stored), never cached."""
    return _refused(page, request, petition, message, closed_form_status(request))


def sign_petition(page, request, pk):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    petitions = reachable_petitions(page, request)
    petition = petitions.filter(pk=pk).first()
    if petition is None or not petition.is_public:
        raise Http404
    citizen, refusal = citizen_or_refusal(page, request, "sign")
    if refusal is not None:
        return refusal
    if request.method == "GET":
        signed = Signature.objects.filter(petition=petition, user=citizen).first()
        if signed is not None:
            return _refused(page, request, petition, services.ALREADY_SIGNED, 200)
        if not petition.is_collecting():
            return _closed(page, request, petition, services.SIGN_CLOSED)
        try:
            services.check_identity(citizen, page, services.signing_levels(petition))
        except services.IdentityRequired as error:
            return identity_refusal(page, request, error, petition)
        context = _context(page, request, petition, form=SignForm())
        return _render(request, "petitions/sign.html", context)
    form = SignForm(request.POST)
    form.is_valid()
    limit = abuse.sign_limit_error(client_network(request))
    if limit:
        return _refused(page, request, petition, limit, 429)
    try:
        services.sign(
            petition.pk,
            citizen,
            show_name=form.cleaned_data.get("show_name", False),
            notify=form.cleaned_data.get("notify", False),
            petitions=petitions,
        )
    except services.AlreadySigned as error:
        return _refused(page, request, petition, error.message, 409)
    except services.SigningClosed as error:
        return _closed(page, request, petition, error.message)
    except services.IdentityRequired as error:
        return identity_refusal(page, request, error, petition)
    except services.PetitionError as error:
        return _refused(page, request, petition, error.message, 403)
    messages.success(request, _("Thank you: your signature is counted."))
    return redirect(petition.get_url(request, index=page))
