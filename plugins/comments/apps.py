from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Comment threads under any page that allows them, moderated per site."""

    name = "plugins.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core import userdata
        from plugins.comments.userdata import erase_comments, export_comments

        userdata.register("comments", exporter=export_comments, eraser=erase_comments)
