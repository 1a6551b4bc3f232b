"""Wagtail's account page, where an admin user can choose the admin's language without
having to give a first and last name first.

Wagtail's account form saves all its panels together and its name panel requires both
names, so a user without a name could not save a language at all. The view below is
Wagtail's own with two panels replaced: names optional (email still required), and the
language choice saying what it changes. Mounted on Wagtail's own path in cms/urls.py.
"""

from django.conf import settings
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.account import LocalePreferencesForm, NameEmailForm
from wagtail.admin.views import account


class OptionalNameEmailForm(NameEmailForm):
    """Wagtail's name and email form with the names optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False


class AdminLanguageForm(LocalePreferencesForm):
    """Wagtail's locale preferences, the language labelled as the admin's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields.get("preferred_language")
        if language is not None:
            names = dict(settings.LANGUAGES)  # each language by its own name, as on the site
            language.choices = [(code, names.get(code, name)) for code, name in language.choices]
            language.label = _("Language of the admin")
            language.help_text = _(
                "The language of the admin's menus, buttons and messages, for you only. "
                "It does not change the languages of the site's pages."
            )


class OptionalNameEmailPanel(account.NameEmailSettingsPanel):
    form_class = OptionalNameEmailForm


class AdminLanguagePanel(account.LocaleSettingsPanel):
    title = _("Language of the admin and time zone")
    form_class = AdminLanguageForm


REPLACED_PANELS = {
    account.NameEmailSettingsPanel: OptionalNameEmailPanel,
    account.LocaleSettingsPanel: AdminLanguagePanel,
}


@method_decorator(never_cache, name="dispatch")
@method_decorator(require_admin_access, name="dispatch")
class AccountView(account.AccountView):
    """Wagtail's account view with the panels of REPLACED_PANELS replaced."""

    def get_panels(self):
        panels = []
        for panel in super().get_panels():
            replacement = REPLACED_PANELS.get(type(panel))
            if replacement is not None:
                panel = replacement(panel.request, panel.user, panel.profile)
            panels.append(panel)
        return panels
