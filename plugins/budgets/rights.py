"""Who reviews which site's budget projects.

A user reviews a site's projects (the review listing, the review and implementation form,
the voting codes of a school cycle) when one of their groups holds
`budgets.review_project` on that site (Wagtail's GroupSitePermission, edited in the group
editor's "Budget review" panel); superusers review every site. Granted globally to a group,
the permission gives nothing: no side door across municipalities
(`cms.core.siterights`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy

from cms.core.siterights import SiteRight
from cms.core.sites import site_for_page

APP_LABEL, CODENAME = "budgets", "review_project"
RIGHT = SiteRight(APP_LABEL, CODENAME)

review_permission = RIGHT.permission
reviewed_sites = RIGHT.sites
is_reviewer = RIGHT.holds_anywhere
#: Let a group review the budget projects of a site (idempotent).
grant = RIGHT.grant

REVIEW_ACTIONS = ("change", "view")


def can_review(user, cycle):
    """May review the projects of `cycle` (a budget cycle page, in any language)."""
    return RIGHT.holds(user, site_for_page(cycle))


def within_sites(projects, user):
    """The projects of the cycles under the sites `user` reviews (all for a superuser)."""
    return RIGHT.filter(projects, user, "cycle__path")


def cycles_within_sites(cycles, user):
    return RIGHT.filter(cycles, user, "path")


class ProjectReviewPolicy(ModelPermissionPolicy):
    """Viewing and changing projects (the review) follows the per-site right; adding and
    deleting projects in the admin stays with the model permissions (superusers)."""

    def user_has_permission(self, user, action):
        if action in REVIEW_ACTIONS:
            return is_reviewer(user)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in REVIEW_ACTIONS:
            return can_review(user, instance.cycle)
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if set(actions) & set(REVIEW_ACTIONS):
            return within_sites(self.model._default_manager.all(), user)
        return super().instances_user_has_any_permission_for(user, actions)


ReviewSitesForm = RIGHT.panel_form(
    heading=_("Budget review"),
    label=_("Reviews the budget projects of these sites"),
    icon="tasks",
    prefix="budgets_review_sites",
)
