from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.models import CitizenProfile


class SignupExtraForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown beside your comments. Use your name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        CitizenProfile.objects.update_or_create(
            user=user, defaults={"display_name": self.cleaned_data["display_name"]}
        )


def clean_display_name(value):
    value = " ".join("".join(ch for ch in value if ch.isprintable()).split())
    if len(value) < 2:
        raise forms.ValidationError(_("Enter a name of at least 2 characters."))
    return value


class ProfileForm(forms.ModelForm):
    class Meta:
        model = CitizenProfile
        fields = ["display_name", "email_on_reply"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )
    remove_content = forms.BooleanField(
        label=_("Also remove what I wrote (comments and other contributions)"),
        required=False,
        help_text=_(
            "If you leave this unticked, your comments stay with the author shown as "
            "“deleted account”."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class IsoDateInput(forms.DateInput):
    """`<input type="date">`, which holds only an ISO date: a value typed otherwise (or not a
    date) comes back empty beside its error instead of making the page invalid HTML."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        value = super().format_value(value)
        if isinstance(value, str):
            for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
                try:
                    return datetime.strptime(value.strip(), pattern).date().isoformat()  # noqa: DTZ007
                except ValueError:
                    continue
            return None
        return value


class CensusCheckForm(forms.Form):
    """A citizen's document number and birth date, checked against this site's census."""

    document_number = forms.CharField(
        label=_("Number of your identity document"),
        max_length=40,
        help_text=_("As written in your passport or ID card; it is not stored."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=IsoDateInput(attrs={"autocomplete": "bday"}),
    )

    def clean_document_number(self):
        from cms.accounts.verification import VerificationError, normalise_document

        try:
            normalise_document(self.cleaned_data["document_number"])
        except VerificationError as error:
            raise forms.ValidationError(error.message) from None
        return self.cleaned_data["document_number"]

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if not date(1900, 1, 1) <= value <= timezone.localdate():
            raise forms.ValidationError(_("Enter your real date of birth."))
        return value
