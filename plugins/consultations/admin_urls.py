from django.urls import path

from plugins.consultations import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:page_id>/", admin_views.responses, name="responses"),
    path(
        "<int:page_id>/answers/<int:answer_id>/",
        admin_views.toggle_answer,
        name="toggle_answer",
    ),
    path(
        "<int:page_id>/export.<str:fmt>",
        admin_views.export,
        name="export",
    ),
]
