"""The editor's form: opening and closing times are typed and shown in the site's time zone,
whatever time zone the editor's account uses."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.sites import profile_for_page


class SiteTimeZoneDateTimeField(forms.DateTimeField):
    def __init__(self, *args, time_zone, **kwargs):
        self.time_zone = time_zone
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        with timezone.override(self.time_zone):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.time_zone):
            return super().to_python(value)


def _site_time_zone(page):
    return zoneinfo.ZoneInfo(profile_for_page(page).time_zone)


class ConsultationPageForm(WagtailAdminPageForm):
    TIME_FIELDS = ("opens_at", "closes_at")

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        time_zone = _site_time_zone(self.instance if self.instance.pk else parent_page)
        for name in self.TIME_FIELDS:
            old = self.fields.get(name)
            if old is None:
                continue
            self.fields[name] = SiteTimeZoneDateTimeField(
                time_zone=time_zone,
                label=old.label,
                required=old.required,
                widget=old.widget,
                help_text=_("In the site's time zone (%(zone)s).") % {"zone": time_zone.key},
            )
