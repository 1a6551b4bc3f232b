"""Starting a petition (verified citizens): never cached, an accepted POST answered by a
redirect to the petition's page, where its author sees its status."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from cms.core import citizens
from cms.core.citizens import verified_citizen
from cms.core.clientip import client_network
from plugins.petitions import abuse, services
from plugins.petitions.forms import StartPetitionForm


def _render(request, template, context, status=200):
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def citizen_or_refusal(page, request, action):
    """(citizen, None) for a verified citizen, else (None, the response that says why)."""
    citizen = verified_citizen(request)
    if citizen is not None:
        return citizen, None
    if not request.user.is_authenticated and request.method == "GET":
        return None, redirect_to_login(request.get_full_path())
    context = {"page": page, "unverified": request.user.is_authenticated, "action": action}
    return None, _render(request, "petitions/sign_in.html", context, status=403)


def identity_refusal(page, request, error, petition=None):
    """The answer to a citizen who lacks a level: what is missing and where their account page
    explains how to get it on this site. Nothing was stored."""
    context = {
        "page": page,
        "petition": petition,
        "petition_url": petition.get_url(request, index=page) if petition else "",
        "message": error.message,
        "missing": [
            {"label": citizens.level_label(level), "url": citizens.how_to_get_url(level)}
            for level in error.missing
        ],
    }
    return _render(request, "petitions/identity_needed.html", context, status=403)


def start_petition(page, request):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    citizen, refusal = citizen_or_refusal(page, request, "start")
    if refusal is not None:
        return refusal
    try:
        services.check_identity(citizen, page, services.starting_levels(page), action="start")
    except services.IdentityRequired as error:
        return identity_refusal(page, request, error)
    form = StartPetitionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        locale=page.locale,
        author=citizen,
    )
    status = 200
    if request.method == "POST":
        client = client_network(request)
        valid = form.is_valid()
        limit = abuse.start_limit_error(citizen, client)
        if limit:
            form.add_error(None, limit)
            status = 429
        elif valid:
            data = form.cleaned_data
            petition = services.start_petition(
                page,
                citizen,
                title=data["title"],
                text=data["text"],
                request=data["request"],
                topic=data["topic"],
                files=data["attachments"],
                language=page.locale.language_code,
            )
            abuse.record_start(citizen, client)
            return redirect(petition.get_url(request, index=page))
        else:
            status = 400
    return _render(request, "petitions/start.html", {"page": page, "form": form}, status=status)
