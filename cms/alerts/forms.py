from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log

from cms.core.sites import profile_for_site


class EmergencyNoticeForm(WagtailAdminModelForm):
    """Records who switched the notice on or off, and when, on the notice and in its
    history."""

    def is_valid(self):
        """Valid, and each text in a language the chosen site is published in."""
        valid = super().is_valid()
        site = getattr(self, "cleaned_data", {}).get("site")
        if site is None:
            return valid
        profile = profile_for_site(site)
        texts = self.formsets["texts"]
        for form in texts.forms:
            language = getattr(form, "cleaned_data", {}).get("language")
            if language and form not in texts.deleted_forms and not profile.serves(language):
                form.add_error("language", _("This site is not published in this language."))
                valid = False
        return valid

    def save(self, commit=True):
        switched = "active" in self.changed_data or (
            self.instance._state.adding and self.instance.active
        )
        if switched:
            self.instance.switched_by = self.for_user
            self.instance.switched_at = timezone.now()
        notice = super().save(commit=commit)
        if switched and commit:
            action = "alerts.switch_on" if notice.active else "alerts.switch_off"
            log(notice, action, user=self.for_user, timestamp=notice.switched_at)
        return notice
