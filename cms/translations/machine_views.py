"""wagtail-localize's machine translation and "sync translations" views, made safe.

Registered under the same admin paths ahead of wagtail-localize's own (this app's hooks load
first), so its editor's buttons land here:
- a failing machine translation service gives an error message, and nothing is saved;
- "Publish immediately" when syncing is offered only to those who may publish, so a
  translator's work still goes through approval.
"""

import requests
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms.translations.machine import MachineTranslationError

SERVICE_ERRORS = (MachineTranslationError, requests.RequestException)


def _failure_message(request, translator, error):
    messages.error(
        request,
        _(
            "Machine translation with %(service)s failed: %(error)s Nothing was changed; "
            "try again later or translate by hand."
        )
        % {"service": translator.display_name, "error": error},
    )


@require_POST
def machine_translate(request, translation_id):
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    try:
        translated = apply_machine_translation(translation_id, request.user, translator)
    except SERVICE_ERRORS as error:
        _failure_message(request, translator, error)
    else:
        if translated:
            messages.success(
                request,
                _(
                    "Translated with %(service)s. Machine-translated segments stay marked "
                    "until a person reviews them."
                )
                % {"service": translator.display_name},
            )
        else:
            messages.warning(request, _("There was nothing left to translate."))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


class SafeUpdateTranslationsView(UpdateTranslationsView):
    def _can_publish(self):
        user = self.request.user
        instance = self.object.get_source_instance()
        if isinstance(instance, Page):
            return all(
                page.permissions_for_user(user).can_publish()
                for page in instance.get_translations(inclusive=True)
            )
        if isinstance(instance, DraftStateMixin):
            meta = instance._meta
            return user.has_perm(f"{meta.app_label}.publish_{meta.model_name}")
        return True

    def get_form(self):
        form = super().get_form()
        if not self._can_publish():
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        try:
            return super().form_valid(form)
        except SERVICE_ERRORS as error:
            _failure_message(self.request, get_machine_translator(), error)
            return redirect(self.request.get_full_path())
