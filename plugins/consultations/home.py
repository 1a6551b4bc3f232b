"""The home page's "open consultations" section (the core's HOME_SECTIONS extension point)."""

from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.frontcache import add_listing_tags
from cms.core.visibility import public_pages
from plugins.consultations.models import ConsultationIndexPage, ConsultationPage

#: How many open consultations the home page lists (those closing soonest).
HOME_COUNT = 3


def open_consultations_section(home, request):
    """The consultations of `home`'s tree open now, closing soonest first, in three queries
    whatever their number; "" when the site has no public consultations index."""
    index = public_pages(ConsultationIndexPage.objects.child_of(home), request).first()
    if index is None:
        return ""
    add_listing_tags(ConsultationPage, home)
    now = timezone.now()
    consultations = public_pages(ConsultationPage.objects.child_of(index), request)
    open_now = list(
        consultations.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")[
            :HOME_COUNT
        ]
    )
    # Loaded (not shown) so the answer carries its tag: when it opens, the home is purged.
    consultations.filter(opens_at__gt=now).order_by("opens_at", "pk").first()
    return render_to_string(
        "consultations/home_section.html",
        {"index": index, "consultations": open_now, "request": request},
        request=request,
    )
