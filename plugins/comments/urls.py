from django.urls import path

from plugins.comments import views

urlpatterns = [
    path("comments/<int:page_id>/new/", views.new_comment, name="comments_new"),
    path("comments/<int:comment_id>/edit/", views.edit_comment, name="comments_edit"),
    path("comments/<int:comment_id>/delete/", views.delete_comment, name="comments_delete"),
    path("comments/<int:comment_id>/report/", views.report_comment, name="comments_report"),
    path("comments/moderation/", views.moderation_log, name="comments_moderation_log"),
]
