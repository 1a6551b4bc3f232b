from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cms.translations.status import STATUS_LABELS


class StatusFilterForm(forms.Form):
    """Filters of the translation status report (all optional; bad values are ignored)."""

    site = forms.ModelChoiceField(
        Site.objects.order_by("site_name"), required=False, label=_("Site"), empty_label=_("All")
    )
    language = forms.ChoiceField(required=False, label=_("Language"))
    section = forms.ModelChoiceField(
        Page.objects.none(), required=False, label=_("Section"), empty_label=_("Whole site")
    )
    status = forms.ChoiceField(required=False, label=_("Status"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All")), *settings.LANGUAGES]
        self.fields["status"].choices = [("", _("All")), *STATUS_LABELS.items()]
        sections = Page.objects.filter(depth__in=[2, 3]).select_related("locale")
        self.fields["section"].queryset = sections.order_by("path")
        self.fields["section"].label_from_instance = self._section_label

    @staticmethod
    def _section_label(page):
        indent = "— " * (page.depth - 2)
        return f"{indent}{page.title} ({page.locale.language_code})"

    def filters(self):
        """(site, language, section, status) from valid fields; None for the others."""
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("site"),
            data.get("language") or None,
            data.get("section"),
            data.get("status") or None,
        )
