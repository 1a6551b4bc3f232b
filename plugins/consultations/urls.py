from django.urls import path

from plugins.consultations.views import respond

urlpatterns = [
    path("consultations/<int:page_id>/respond/", respond.respond, name="consultations_respond"),
    path(
        "consultations/<int:page_id>/check-email/",
        respond.check_email,
        name="consultations_check_email",
    ),
    path("consultations/confirm/<str:token>/", respond.confirm, name="consultations_confirm"),
    path("consultations/receipt/<str:token>/", respond.receipt, name="consultations_receipt"),
]
