from django.urls import path

from cms.archive import views

urlpatterns = [
    path("<int:document_id>/<str:document_filename>", views.serve, name="wagtaildocs_serve"),
]
