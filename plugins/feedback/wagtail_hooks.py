from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.feedback import admin_views

admin_urlpatterns = [
    path("", admin_views.report, name="report"),
    path("page/<int:page_id>/", admin_views.page_comments, name="page"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("feedback/", include((admin_urlpatterns, "feedback_admin")))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Page feedback"), reverse("feedback_admin:report"), icon_name="help", order=900
    )
