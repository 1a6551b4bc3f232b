from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plugins.consultations import admin_urls
from plugins.consultations.models import ConsultationPage, ConsultationTopic, Response
from plugins.consultations.receipts import receipt_path


class ConsultationTopicViewSet(SnippetViewSet):
    model = ConsultationTopic
    icon = "tag"
    menu_label = _("Consultation topics")
    list_display = ["name", "slug"]


register_snippet(ConsultationTopicViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("consultations/", include((admin_urls.urlpatterns, "consultations_admin")))]


class ConsultationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ConsultationsMenuItem(
        _("Consultations"), reverse("consultations_admin:index"), icon_name="list-ul", order=360
    )


@hooks.register("register_page_header_buttons")
def responses_button(page, user, view_name, next_url=None):
    model = page.specific_class
    if model and issubclass(model, ConsultationPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Responses and exports"),
            reverse("consultations_admin:responses", args=[page.pk]),
            icon_name="list-ul",
            priority=40,
        )


def account_responses(request):
    """The citizen's consultation answers on their account page (an ACCOUNT_PAGE filler)."""
    responses = [
        {
            "title": response.page.title if response.page else "",
            "reference": response.reference,
            "updated_at": response.updated_at,
            "receipt_url": receipt_path(response, response.language),
        }
        for response in Response.objects.filter(user=request.user)
        .select_related("page")
        .order_by("-updated_at")[:20]
    ]
    return render_to_string(
        "consultations/account_section.html", {"responses": responses}, request=request
    )
