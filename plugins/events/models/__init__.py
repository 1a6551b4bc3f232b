from .pages import EventIndexPage, EventPage, EventPageRelatedPage
from .registrations import Registration
from .snippets import EventCategory, Venue

__all__ = [
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventPageRelatedPage",
    "Registration",
    "Venue",
]
