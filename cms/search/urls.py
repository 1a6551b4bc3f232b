from django.urls import path

from cms.search import views

urlpatterns = [path("search/", views.search, name="search")]
