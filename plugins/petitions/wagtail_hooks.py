from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plugins.petitions import admin_views, rights
from plugins.petitions.models import Petition, PetitionTopic, Signature


class PetitionTopicViewSet(SnippetViewSet):
    model = PetitionTopic
    icon = "tag"
    menu_label = _("Petition topics")
    list_display = ["name", "slug"]


register_snippet(PetitionTopicViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("petitions/", include((admin_views.urlpatterns, "petitions_admin")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return rights.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Petitions"), reverse("petitions_admin:index"), icon_name="doc-full", order=355
    )


@hooks.register("register_group_permission_panel")
def register_moderation_sites_panel():
    """Moderation rights are granted per site in the group editor, never globally."""
    return rights.ModerationSitesForm


def account_petitions(request):
    """The citizen's petitions (with their status) and signatures on their account page
    (an ACCOUNT_PAGE filler)."""
    petitions = [
        {
            "title": petition.title,
            "status": petition.get_status_display(),
            "refusal_reason": petition.get_refusal_reason_display(),
            "created_at": petition.created_at,
            "url": petition.get_url(request),
        }
        for petition in Petition.objects.filter(author=request.user)
        .select_related("index")
        .order_by("-created_at")[:20]
    ]
    signatures = [
        {
            "title": signature.petition.title,
            "signed_at": signature.created_at,
            "url": signature.petition.get_url(request),
        }
        for signature in Signature.objects.filter(user=request.user)
        .select_related("petition__index")
        .order_by("-created_at")[:20]
    ]
    return render_to_string(
        "petitions/account_section.html",
        {"petitions": petitions, "signatures": signatures},
        request=request,
    )
