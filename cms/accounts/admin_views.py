"""Citizen verification in the Wagtail admin, per site (`cms.accounts.rights`): the list of
grants (who granted what, when, until when), the service centre's desk (find an account by
its email address, grant or revoke a level with a note) and the census upload. A verifier
sees and acts on the sites they hold the right on only."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts import rights, verification
from cms.accounts.forms import IsoDateInput
from cms.accounts.models import (
    GRANTED_LEVEL_CHOICES,
    CensusEntry,
    VerificationGrant,
    VerificationMethod,
)
from cms.core.sites import profile_for_site
from cms.core.text import clean_plain_text


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return profile_for_site(obj).name(get_language())


class GrantForm(forms.Form):
    site = SiteChoiceField(label=gettext_lazy("Site"), queryset=None)
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=GRANTED_LEVEL_CHOICES)
    document_number = forms.CharField(
        label=gettext_lazy("Number of the identity document shown"),
        max_length=40,
        help_text=gettext_lazy(
            "Only a keyed hash is kept, so one document cannot confirm two accounts."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=IsoDateInput(),
        help_text=gettext_lazy("Empty: the site's usual validity."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("What was checked (never the document number)."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = rights.verified_sites(user).order_by("site_name")

    def clean_document_number(self):
        try:
            verification.normalise_document(self.cleaned_data["document_number"])
        except verification.VerificationError as error:
            raise forms.ValidationError(error.message) from None
        return self.cleaned_data["document_number"]

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return value


class RevokeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=500,
        help_text=gettext_lazy("Kept with the grant; the citizen does not see it."),
    )


class CensusUploadForm(forms.Form):
    site = SiteChoiceField(label=gettext_lazy("Site"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Census file (CSV)"),
        help_text=gettext_lazy(
            "Two columns: document number and date of birth (2001-09-24 or 24.09.2001), "
            "UTF-8, a header row allowed. Only keyed hashes are stored; delete the file "
            "afterwards."
        ),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Replace the census"),
        required=False,
        help_text=gettext_lazy(
            "Remove the people who are not in this file (entries already used stay)."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = rights.verified_sites(user).order_by("site_name")


def _require_verifier(request):
    if not rights.is_verifier(request.user):
        raise PermissionDenied


STATUSES = ("live", "revoked", "expired", "all")


def _text_param(request, name):
    """A search text from the address, without NUL bytes (PostgreSQL refuses to compare
    them) and at most as long as an email address."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:254]


def index(request):
    """The grants of the sites the user verifies, newest first."""
    _require_verifier(request)
    grants = VerificationGrant.objects.filter(
        site__in=rights.verified_sites(request.user)
    ).select_related("user", "site", "granted_by", "revoked_by")
    show = request.GET.get("show")
    show = show if show in STATUSES else "live"
    now = timezone.now()
    if show == "live":
        grants = grants.live(now)
    elif show == "revoked":
        grants = grants.filter(revoked_at__isnull=False)
    elif show == "expired":
        grants = grants.filter(revoked_at__isnull=True, expires_at__lte=now)
    query = _text_param(request, "q")
    if query:
        grants = grants.filter(user__email__icontains=query)
    page_obj = Paginator(grants.order_by("-granted_at", "-pk"), 50).get_page(request.GET.get("p"))
    statuses = [
        ("live", _("Valid")),
        ("expired", _("Expired")),
        ("revoked", _("Revoked")),
        ("all", _("All")),
    ]
    context = {
        "page_obj": page_obj,
        "show": show,
        "query": query,
        "statuses": statuses,
        "now": now,
        "query_string": urlencode({"show": show, "q": query}),
    }
    return TemplateResponse(request, "accounts/admin/index.html", context)


def _find_account(email):
    email = (email or "").strip()
    if not email:
        return None
    users = (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .distinct()
    )
    return users.first()


def desk(request, user_id=None, grant_form=None, revoke_forms=None, status=200):
    """The service centre's desk: the account of an email address, its grants on the
    verifier's sites, and the forms to grant and revoke."""
    _require_verifier(request)
    citizen = None
    email = _text_param(request, "email")
    if user_id is not None:
        citizen = get_object_or_404(get_user_model(), pk=user_id)
    elif email:
        citizen = _find_account(email)
    grants = []
    if citizen is not None:
        grants = list(
            VerificationGrant.objects.filter(
                user=citizen, site__in=rights.verified_sites(request.user)
            ).select_related("site", "granted_by", "revoked_by")
        )
    revoke_forms = revoke_forms or {}
    context = {
        "email": email,
        "searched": bool(email) or user_id is not None,
        "citizen": citizen,
        "grants": [(grant, revoke_forms.get(grant.pk) or RevokeForm()) for grant in grants],
        "grant_form": grant_form or GrantForm(request.user),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "accounts/admin/desk.html", context, status=status)


@require_POST
def grant(request, user_id):
    _require_verifier(request)
    citizen = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    form = GrantForm(request.user, request.POST)
    if form.is_valid():
        site = form.cleaned_data["site"]
        valid_until = form.cleaned_data["valid_until"]
        expires_at = (
            datetime.combine(
                valid_until, time.max, tzinfo=ZoneInfo(profile_for_site(site).time_zone)
            )
            if valid_until
            else verification.default_expiry(site)
        )
        try:
            verification.grant(
                citizen,
                site,
                form.cleaned_data["level"],
                VerificationMethod.STAFF,
                by=request.user,
                reference=verification.document_reference(
                    site, form.cleaned_data["document_number"]
                ),
                expires_at=expires_at,
                note=clean_plain_text(form.cleaned_data["note"]),
            )
        except verification.VerificationError as error:
            form.add_error("document_number", error.message)
        else:
            messages.success(request, _("The level is granted."))
            return redirect("accounts_verification:account", user_id=citizen.pk)
    return desk(request, user_id=citizen.pk, grant_form=form, status=400)


@require_POST
def revoke(request, pk):
    _require_verifier(request)
    grant_row = get_object_or_404(VerificationGrant.objects.select_related("site"), pk=pk)
    if not rights.can_verify(request.user, grant_row.site):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return desk(request, user_id=grant_row.user_id, revoke_forms={pk: form}, status=400)
    if verification.revoke(grant_row, request.user, clean_plain_text(form.cleaned_data["note"])):
        messages.success(request, _("The level is revoked."))
    else:
        messages.error(request, _("This grant was already revoked."))
    return redirect("accounts_verification:account", user_id=grant_row.user_id)


def census(request):
    """Upload a site's census; how many people each site's census holds and how many of
    them confirmed an account."""
    _require_verifier(request)
    form = CensusUploadForm(request.user, request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            site = form.cleaned_data["site"]
            try:
                digests = verification.read_census(form.cleaned_data["file"], site)
            except verification.CensusFileError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                added, removed = verification.import_census(
                    site, digests, by=request.user, replace=form.cleaned_data["replace"]
                )
                messages.success(request, verification.census_summary(added, removed))
                return redirect("accounts_verification:census")
    sites = rights.verified_sites(request.user).order_by("site_name")
    counts = {
        row["site"]: row
        for row in CensusEntry.objects.filter(site__in=sites)
        .values("site")
        .annotate(total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False)))
    }
    summary = [
        {
            "site": site.site_name or site.hostname,
            "valid_days": verification.valid_days(site),
            "total": counts.get(site.pk, {}).get("total", 0),
            "used": counts.get(site.pk, {}).get("used", 0),
        }
        for site in sites
    ]
    context = {"form": form, "summary": summary}
    return TemplateResponse(request, "accounts/admin/census.html", context, status=status)


urlpatterns = [
    path("", index, name="index"),
    path("desk/", desk, name="desk"),
    path("desk/<int:user_id>/", desk, name="account"),
    path("desk/<int:user_id>/grant/", grant, name="grant"),
    path("grants/<int:pk>/revoke/", revoke, name="revoke"),
    path("census/", census, name="census"),
]
