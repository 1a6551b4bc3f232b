"""The home page's "open consultations" section (the core's HOME_SECTIONS extension point)."""

from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.chrome import kept_html
from cms.core.dates import next_midnight
from cms.core.frontcache import add_listing_tags
from cms.core.visibility import public_pages
from plugins.consultations.models import ConsultationIndexPage, ConsultationPage

#: How many open consultations the home page lists (those closing soonest).
HOME_COUNT = 3


def open_consultations_section(home, request):
    """The consultations of `home`'s tree open now, closing soonest first; "" when the site
    has no public consultations index. Rendered in three queries whatever their number, and
    kept with the page frame (cms.core.chrome: publishing any page renews it) until the
    first of them closes, the next one opens or the day changes ("3 days left")."""
    return kept_html(request, "home-consultations", (home.pk,), lambda: _section(home, request))


def _section(home, request):
    index = public_pages(ConsultationIndexPage.objects.child_of(home), request).first()
    if index is None:
        return {"html": "", "expires": None}
    add_listing_tags(ConsultationPage, home)
    now = timezone.now()
    consultations = public_pages(ConsultationPage.objects.child_of(index), request)
    open_now = list(
        consultations.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")[
            :HOME_COUNT
        ]
    )
    # Loaded also for its tag: when it opens, the front cache drops the home.
    opening = consultations.filter(opens_at__gt=now).order_by("opens_at", "pk").first()
    moments = [next_midnight(now)]
    if open_now:
        moments.append(open_now[0].closes_at)
    if opening is not None:
        moments.append(opening.opens_at)
    html = render_to_string(
        "consultations/home_section.html",
        {"index": index, "consultations": open_now, "request": request},
        request=request,
    )
    return {"html": html, "expires": min(moments)}
