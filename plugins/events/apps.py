from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The event calendar: public meetings, recurring events, registrations, iCal feeds."""

    name = "plugins.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.extensions import HOME_SECTIONS
        from cms.core.manifest import Contributions, Extension, Moments, UserData
        from cms.core.search_sources import SearchSource
        from plugins.events.home import upcoming_events_section
        from plugins.events.models import EventPage
        from plugins.events.occurrences import events_source
        from plugins.events.userdata import erase_registrations, export_registrations

        return Contributions(
            search_sources=(
                SearchSource(
                    kind="events", label=_("Events"), order=50, page_models=("events.EventPage",)
                ),
            ),
            calendar_sources=(events_source,),
            userdata=(UserData("events", export_registrations, erase_registrations),),
            # An event moves from "upcoming" to past, and its registration closes, by time.
            moments=(Moments(EventPage, ("start", "end", "last_end", "registration_deadline")),),
            public_urls="plugins.events.urls",
            extensions=(Extension(HOME_SECTIONS, upcoming_events_section, ("home.HomePage",)),),
            demo="plugins.events.demo",
            demo_order=40,
        )
