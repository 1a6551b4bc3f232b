from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accounts import admin_views, rights


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "verification/",
            include((admin_views.urlpatterns, "accounts_verification")),
        )
    ]


class VerificationMenuItem(MenuItem):
    def is_shown(self, request):
        return rights.is_verifier(request.user)


@hooks.register("register_admin_menu_item")
def register_verification_menu_item():
    return VerificationMenuItem(
        _("Citizen verification"),
        reverse("accounts_verification:index"),
        icon_name="user",
        order=357,
    )


@hooks.register("register_group_permission_panel")
def register_verification_sites_panel():
    """Verification is granted per site in the group editor, never globally."""
    return rights.VerificationSitesForm
