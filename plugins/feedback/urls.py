from django.urls import path

from plugins.feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/<int:page_id>/", views.answer, name="answer"),
    path("feedback/<int:page_id>/thanks/", views.thanks, name="thanks"),
]
