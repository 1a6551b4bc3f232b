"""RSS 2.0 feeds of a site's petitions, one per status ("overdue" too): the latest to enter
that status first."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.core.sites import profile_for_request
from cms.news.feeds import xml_text
from plugins.petitions.models import PUBLIC_STATUSES, PetitionStatus

FEED_SIZE = 20
OVERDUE = "overdue"
FEED_STATUSES = (*(str(status) for status in PUBLIC_STATUSES), OVERDUE)
#: When a petition entered each status: the feed's order and each item's date.
ENTERED = {
    PetitionStatus.COLLECTING: "published_at",
    PetitionStatus.CONSIDERATION: "consideration_at",
    PetitionStatus.FAILED: "collection_ends_at",
    PetitionStatus.ANSWERED: "answered_at",
    OVERDUE: "answer_due_at",
}


def status_label(status):
    if status == OVERDUE:
        return _("Overdue: no answer by the deadline")
    return PetitionStatus(status).label


class PetitionStatusFeed(Feed):
    """The petitions of the site of `index` that are in `status`, newest in it first."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, status):
        super().__init__()
        self.index = index
        self.status = status
        self.language = index.locale.language_code

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.profile = profile_for_request(request)
        return self.index

    def title(self, obj):
        return xml_text(
            f"{obj.title}: {status_label(self.status)} | {self.profile.name(self.language)}"
        )

    def link(self, obj):
        return obj.get_full_url(self.request)

    def feed_url(self, obj):
        return self.request.build_absolute_uri(self.request.path)

    def description(self, obj):
        return xml_text(
            _("Petitions of %(site)s: %(status)s")
            % {"site": self.profile.name(self.language), "status": status_label(self.status)}
        )

    def items(self, obj):
        from plugins.petitions.visibility import site_petitions

        petitions = site_petitions(obj, self.request).public()
        if self.status == OVERDUE:
            petitions = petitions.overdue(timezone.now())
        else:
            petitions = petitions.filter(status=self.status)
        entered = ENTERED[self.status]
        return petitions.order_by(F(entered).desc(nulls_last=True), "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return escape(xml_text(item.title))

    def item_description(self, item):
        text = xml_text(item.request)
        if item.status == PetitionStatus.ANSWERED and item.answer:
            text += "\n\n" + _("Answer: %(answer)s") % {"answer": xml_text(item.answer)}
        return escape(text).replace("\n", "<br>")

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request, index=self.index))

    def item_guid(self, item):
        """Stable across titles, languages and statuses of the petition."""
        return f"urn:uuid:{item.public_id}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return getattr(item, ENTERED[self.status]) or item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at


def status_feed(page, request, status):
    if status not in FEED_STATUSES:
        raise Http404
    return PetitionStatusFeed(page, status)(request)


def feed_links(page, request):
    """The feeds to advertise on the list: one per status."""
    base = page.get_url(request=request)
    if not base:
        return []
    return [
        {
            "status": status,
            "type": "application/rss+xml",
            "label": status_label(status),
            "title": _("%(title)s: %(status)s (RSS)")
            % {"title": page.title, "status": status_label(status)},
            "url": base + page.reverse_subpage("feed_view", kwargs={"status": status}),
        }
        for status in FEED_STATUSES
    ]
