from django.urls import path

from .views.registration import cancel_view, registration_view

app_name = "events"

urlpatterns = [
    path("events/<int:event_id>/register/", registration_view, name="register"),
    path("events/<int:event_id>/cancel/", cancel_view, name="cancel"),
]
