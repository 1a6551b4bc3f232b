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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.accounts.forms import DeleteAccountForm, ProfileForm
from cms.accounts.models import CitizenProfile, display_name
from cms.core import userdata
from cms.core.clientip import client_network
from cms.core.extensions import ACCOUNT_PAGE, render_extension_point
from cms.core.throttle import Throttle

#: Wrong passwords on "delete my account", per account and per client, in 15 minutes.
DELETE_PASSWORD_ATTEMPTS = Throttle(
    "delete-account-password",
    lambda: getattr(settings, "ACCOUNT_DELETE_PASSWORD_ATTEMPTS", 5),
    15 * 60,
)


def _profile(user):
    profile, _created = CitizenProfile.objects.get_or_create(
        user=user, defaults={"display_name": display_name(user)[:60]}
    )
    return profile


@never_cache
@login_required
def account_home(request):
    profile = _profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings have been saved."))
        return redirect("accounts:home")
    context = {
        "form": form,
        "emails": EmailAddress.objects.filter(user=request.user).order_by("-primary", "email"),
        "sections": render_extension_point(ACCOUNT_PAGE, request),
    }
    return render(request, "accounts/home.html", context)


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
    }


def erase_account(user, remove_content):
    """The profile and addresses go with the user row; sessions are ended by logout."""
    CitizenProfile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
