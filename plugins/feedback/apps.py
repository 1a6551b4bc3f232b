from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """ "Was this page useful?" under content pages: anonymous yes/no answers with an optional
    short comment, counted per page for editors. Nothing that identifies a reader is kept."""

    name = "plugins.feedback"
    label = "feedback"
    verbose_name = _("Page feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.extensions import AFTER_PAGE_BODY
        from cms.core.manifest import Contributions, Extension
        from plugins.feedback.rendering import feedback_prompt

        return Contributions(
            public_urls="plugins.feedback.urls",
            extensions=(Extension(AFTER_PAGE_BODY, feedback_prompt),),
        )
