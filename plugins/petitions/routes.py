"""The addresses under a petitions index (PetitionIndexPage's sub-routes): each view takes
the index page first. Wagtail serves no path with a dot or without the final slash, so the
feeds and the open data end in a folder."""

from django.shortcuts import get_object_or_404
from django.urls import path, re_path

from plugins.petitions.views import attachments, feeds, opendata, public, sign, start
from plugins.petitions.visibility import reachable_petitions


def petition_or_404(page, request, pk):
    """The petition `pk` if a route of `page` may show it (see `reachable_petitions`)."""
    petitions = reachable_petitions(page, request).select_related("index", "topic")
    return get_object_or_404(petitions, pk=pk)


def detail(page, request, pk):
    return public.petition_detail(page, request, petition_or_404(page, request, int(pk)))


def attachment(page, request, pk, attachment_pk):
    return attachments.download(page, request, petition_or_404(page, request, pk), attachment_pk)


urlpatterns = [
    path("", public.petition_list, name="list_view"),
    re_path(r"^(?P<pk>\d+)(?:-[-\w]*)?/$", detail, name="detail_view"),
    path("new/", start.start_petition, name="start_view"),
    path("<int:pk>/attachments/<int:attachment_pk>/", attachment, name="attachment_view"),
    path("<int:pk>/sign/", sign.sign_petition, name="sign_view"),
    re_path(r"^feed/(?P<status>[a-z_]+)/$", feeds.status_feed, name="feed_view"),
    re_path(r"^data/(?P<fmt>csv|json)/$", opendata.export, name="data_view"),
]
