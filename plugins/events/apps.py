from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The event calendar: public meetings, recurring events, registrations, iCal feeds."""

    name = "plugins.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core.frontcache import register_moments
        from plugins.events.models import EventPage

        # An event moves from "upcoming" to past, and its registration closes, by time alone.
        register_moments(EventPage, "start", "end", "last_end", "registration_deadline")
