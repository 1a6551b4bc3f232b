"""The citizen's filters on a plan page (plain GET, no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CommitmentStatus, OGPValue


class CommitmentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *CommitmentStatus.choices],
    )
    value = forms.ChoiceField(
        label=_("OGP value"), required=False, choices=[("", _("Any value")), *OGPValue.choices]
    )
    institution = forms.TypedChoiceField(
        label=_("Institution"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, institutions):
        super().__init__(data)
        self.fields["institution"].choices = [
            ("", _("Any institution")),
            *((i.pk, i.name) for i in sorted(institutions, key=lambda i: i.name)),
        ]

    def filters(self):
        """The valid filters only: a bad value is reported and ignored, never an error page."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


def apply_filters(commitments, filters):
    result = commitments
    if status := filters.get("status"):
        result = [c for c in result if c.computed_status == status]
    if value := filters.get("value"):
        result = [c for c in result if getattr(c, value)]
    if institution := filters.get("institution"):
        result = [c for c in result if institution in c.institution_ids]
    return result
