"""Who moderates which site's petitions and sets the council's answer.

A user moderates a site's petitions when one of their groups holds
`petitions.moderate_petition` on that site (Wagtail's GroupSitePermission, edited in the
group editor's "Petition moderation" panel); superusers moderate every site. Granted globally
to a group, the permission gives nothing: no side door across municipalities
(`cms.core.siterights`)."""

from django.utils.translation import gettext_lazy as _

from cms.core.siterights import SiteRight
from cms.core.sites import site_for_page

APP_LABEL, CODENAME = "petitions", "moderate_petition"
RIGHT = SiteRight(APP_LABEL, CODENAME)

moderation_permission = RIGHT.permission
moderated_sites = RIGHT.sites
is_moderator = RIGHT.holds_anywhere
#: Let a group moderate the petitions of a site (idempotent).
grant = RIGHT.grant


def within_sites(petitions, user):
    """The petitions of the sites `user` moderates (all of them for a superuser)."""
    return RIGHT.filter(petitions, user, "index__path")


def can_moderate(user, petition):
    return RIGHT.holds(user, site_for_page(petition.index))


ModerationSitesForm = RIGHT.panel_form(
    heading=_("Petition moderation"),
    label=_("Moderates the petitions of these sites"),
    icon="doc-full",
    prefix="petitions_moderation_sites",
)
