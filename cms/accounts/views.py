import json

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from cms.accounts import verification
from cms.accounts.forms import CensusCheckForm, DeleteAccountForm, ProfileForm
from cms.accounts.models import CensusEntry, CitizenProfile, VerificationGrant, display_name
from cms.core import citizens, userdata
from cms.core.clientip import client_network
from cms.core.extensions import ACCOUNT_PAGE, render_extension_point
from cms.core.sites import profile_for_site
from cms.core.throttle import Throttle

#: Wrong passwords on "delete my account", per account and per client, in 15 minutes.
DELETE_PASSWORD_ATTEMPTS = Throttle(
    "delete-account-password",
    lambda: getattr(settings, "ACCOUNT_DELETE_PASSWORD_ATTEMPTS", 5),
    15 * 60,
)
#: Census checks that failed, per account and per client, in an hour: a document number
#: and birth date cannot be guessed at leisure.
CENSUS_ATTEMPTS = Throttle(
    "census-check",
    lambda: getattr(settings, "ACCOUNT_CENSUS_ATTEMPTS", 5),
    60 * 60,
)


def _profile(user):
    profile, _created = CitizenProfile.objects.get_or_create(
        user=user, defaults={"display_name": display_name(user)[:60]}
    )
    return profile


def _verification(request, census_form=None):
    """What the citizen holds on the site serving `request`, and how to get the rest."""
    site = Site.find_for_request(request)
    user = request.user
    grants = (
        sorted(
            VerificationGrant.objects.live().filter(user=user, site=site),
            key=lambda grant: citizens.LEVELS.index(grant.level),
        )
        if site
        else []
    )
    held = {grant.level for grant in grants}
    verified = citizens.is_verified_citizen(user)
    profile = profile_for_site(site)
    return {
        "site_name": profile.name(get_language()),
        "grants": grants,
        "email_verified": verified,
        "missing": [citizens.level_label(level) for level in citizens.GRANTED if level not in held],
        "census_open": bool(site)
        and verified
        and not held >= set(citizens.GRANTED)
        and CensusEntry.objects.filter(site=site).exists(),
        "census_form": census_form or CensusCheckForm(),
        "service_centre": profile.contact("address", get_language()),
    }


def _account_page(request, form=None, census_form=None, status=200):
    context = {
        "form": form or ProfileForm(instance=_profile(request.user)),
        "emails": EmailAddress.objects.filter(user=request.user).order_by("-primary", "email"),
        "sections": render_extension_point(ACCOUNT_PAGE, request),
        "verification": _verification(request, census_form),
    }
    return render(request, "accounts/home.html", context, status=status)


@never_cache
@login_required
def account_home(request):
    profile = _profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings have been saved."))
        return redirect("accounts:home")
    return _account_page(request, form)


@require_POST
@never_cache
@login_required
def census_check(request):
    """The citizen's document number and birth date against this site's census: a match
    grants residency and identity here; anything else changes nothing and says why."""
    user = request.user
    site = Site.find_for_request(request)
    form = CensusCheckForm(request.POST)
    subjects = (f"user:{user.pk}", f"client:{client_network(request)}")
    if any(map(CENSUS_ATTEMPTS.exceeded, subjects)):
        form.is_valid()
        form.add_error(None, _("Too many attempts. Please try again in an hour."))
        return _account_page(request, census_form=form, status=429)
    if not citizens.is_verified_citizen(user):
        form.is_valid()
        form.add_error(None, _("Please confirm your email address first."))
        return _account_page(request, census_form=form, status=403)
    if form.is_valid():
        try:
            verification.match_census(
                user, site, form.cleaned_data["document_number"], form.cleaned_data["birth_date"]
            )
        except verification.VerificationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Thank you: your residency and identity are confirmed on this site.")
            )
            return redirect(reverse("accounts:home") + "#verification")
    for subject in subjects:
        CENSUS_ATTEMPTS.hit(subject)
    return _account_page(request, census_form=form, status=400)


@never_cache
@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"form": DeleteAccountForm(request.user)})


@require_GET
@never_cache
@login_required
def my_data_download(request):
    data = {
        "exported_at": timezone.now(),
        "site": request.get_host(),
        **userdata.export_user_data(request.user),
    }
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@never_cache
@login_required
def delete_account(request):
    user = request.user
    if user.is_staff or user.is_superuser:
        messages.error(request, _("Staff accounts are managed by the site's administrators."))
        return redirect("accounts:my_data")
    subjects = (f"user:{user.pk}", f"client:{client_network(request)}")
    if request.method == "POST" and any(map(DELETE_PASSWORD_ATTEMPTS.exceeded, subjects)):
        refusal = _("The password was entered wrongly too many times. Please try again later.")
        context = {"form": DeleteAccountForm(user), "refusal": refusal}
        return render(request, "accounts/my_data.html", context, status=429)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            userdata.erase_user_data(user, remove_content=form.cleaned_data["remove_content"])
            logout(request)
            user.delete()
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    if request.method == "POST" and "password" in form.errors:
        for subject in subjects:
            DELETE_PASSWORD_ATTEMPTS.hit(subject)
    return render(
        request,
        "accounts/my_data.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def export_account(user):
    """The account itself: addresses, name, dates (for "download my data")."""
    profile = CitizenProfile.objects.filter(user=user).first()
    return {
        "display_name": profile.display_name if profile else "",
        "email_on_reply": profile.email_on_reply if profile else None,
        "emails": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "verifications": [
            {
                "site": grant.site.hostname,
                "level": grant.level,
                "method": grant.method,
                "granted_at": grant.granted_at,
                "expires_at": grant.expires_at,
                "revoked_at": grant.revoked_at,
            }
            for grant in VerificationGrant.objects.filter(user=user).select_related("site")
        ],
    }


def erase_account(user, remove_content):
    """The profile, addresses and verifications go with the user row (the census entries it
    used can be matched again); sessions are ended by logout."""
    CitizenProfile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    verification.erase(user)
