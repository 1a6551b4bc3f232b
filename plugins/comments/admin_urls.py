from django.urls import path

from plugins.comments import admin_page_settings, admin_views

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:comment_id>/act/", admin_views.act, name="act"),
    path("log/", admin_views.log, name="log"),
    path("page/<int:page_id>/", admin_page_settings.page_settings_view, name="page_settings"),
]
