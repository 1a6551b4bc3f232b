"""The admin form of event pages: dates and times are entered in the site's time zone."""

import zoneinfo
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.sites import profile_for_page

LOCAL_FIELDS = ("start", "end", "registration_deadline")


def time_zone_for_parent(parent):
    return profile_for_page(parent).time_zone


class EventPageForm(WagtailAdminPageForm):
    """Editors type the local time of the municipality whatever their own admin time zone,
    so a meeting at 18:00 in Ternopil is 18:00 Europe/Kyiv."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.time_zone != "UTC":
            self.site_time_zone = self.instance.time_zone
        else:
            self.site_time_zone = time_zone_for_parent(self.parent_page)
        tz = zoneinfo.ZoneInfo(self.site_time_zone)
        for name in LOCAL_FIELDS:
            if name not in self.fields:
                continue
            value = self.initial.get(name)
            if isinstance(value, datetime) and timezone.is_aware(value):
                self.initial[name] = timezone.make_naive(value, tz)
            self.fields[name].help_text = _("Local time in %(zone)s.") % {
                "zone": self.site_time_zone
            }

    def full_clean(self):
        with timezone.override(self.site_time_zone):
            super().full_clean()
