from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Comment threads under any page that allows them, moderated per site."""

    name = "plugins.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core import chrome
        from plugins.comments.models import PageCommentSettings

        # A page's chosen policy is read with the page frame (page_settings.chosen_policies).
        chrome.watch(PageCommentSettings)

    def contributions(self):
        from cms.core.extensions import ACCOUNT_PAGE, AFTER_PAGE_BODY, LISTING_ITEM_META
        from cms.core.manifest import Contributions, Extension, UserData
        from plugins.comments import wagtail_hooks as fillers
        from plugins.comments.userdata import erase_comments, export_comments

        return Contributions(
            userdata=(UserData("comments", export_comments, erase_comments),),
            public_urls="plugins.comments.urls",
            extensions=(
                Extension(AFTER_PAGE_BODY, fillers.comment_thread),
                Extension(LISTING_ITEM_META, fillers.listing_comment_count),
                Extension(ACCOUNT_PAGE, fillers.account_comments),
            ),
            demo="plugins.comments.demo",
            demo_order=90,
        )
