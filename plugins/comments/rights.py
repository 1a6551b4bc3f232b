"""Who moderates which site's comments.

A user moderates a site's comments when one of their groups holds `comments.moderate_comment`
on that site (Wagtail's GroupSitePermission, edited in the group editor's "Comment
moderation" panel); superusers moderate every site. The permission granted globally to a
group gives no moderation rights: there is no side door across municipalities
(`cms.core.siterights`)."""

from django.utils.translation import gettext_lazy as _

from cms.core.siterights import SiteRight

APP_LABEL, CODENAME = "comments", "moderate_comment"
RIGHT = SiteRight(APP_LABEL, CODENAME)

moderation_permission = RIGHT.permission
#: The sites whose comments a user may see in the queue and act on.
moderated_sites = RIGHT.sites
#: Moderates at least one site.
is_moderator = RIGHT.holds_anywhere
#: May act on the comments of a site (comments without a site: superusers only).
can_moderate = RIGHT.holds
#: Let a group moderate the comments of a site (idempotent).
grant = RIGHT.grant

ModerationSitesForm = RIGHT.panel_form(
    heading=_("Comment moderation"),
    label=_("Moderates the comments of these sites"),
    icon="comment",
    prefix="comments_moderation_sites",
)
