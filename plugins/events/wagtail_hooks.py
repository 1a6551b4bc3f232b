from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import EventCategory, EventPage, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Event categories")
    list_display = ["name"]


register_snippet(VenueViewSet)
register_snippet(EventCategoryViewSet)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "events/<int:page_id>/registrations/",
            admin_views.attendees,
            name="events_admin_attendees",
        ),
        path(
            "events/<int:page_id>/registrations.csv",
            admin_views.attendees_csv,
            name="events_admin_attendees_csv",
        ),
    ]


def _attendees_button(page, user, priority):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, EventPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Registrations"),
        reverse("events_admin_attendees", args=[page.pk]),
        icon_name="group",
        priority=priority,
    )


@hooks.register("register_page_listing_more_buttons")
def listing_buttons(page, user, next_url=None):
    yield from _attendees_button(page, user, 45)


@hooks.register("register_page_header_buttons")
def header_buttons(page, user, view_name, next_url=None):
    yield from _attendees_button(page, user, 45)
