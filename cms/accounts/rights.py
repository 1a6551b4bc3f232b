"""Who verifies citizens on which site: uploads its census, grants and revokes residency and
identity at the service centre. A user holds it on a site when one of their groups holds
`accounts.verify_citizens` there (the group editor's "Citizen verification" panel);
superusers on every site. Granted globally, the permission gives nothing
(`cms.core.siterights`)."""

from django.utils.translation import gettext_lazy as _

from cms.core.siterights import SiteRight

RIGHT = SiteRight("accounts", "verify_citizens")

verified_sites = RIGHT.sites
is_verifier = RIGHT.holds_anywhere
can_verify = RIGHT.holds
#: Let a group verify the citizens of a site (idempotent).
grant = RIGHT.grant

VerificationSitesForm = RIGHT.panel_form(
    heading=_("Citizen verification"),
    label=_("Verifies citizens of these sites (census, service centre)"),
    icon="user",
    prefix="accounts_verification_sites",
)
