from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.frontcache import purging, tracking


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    """The page's own answers (its routable sub-pages too: filters, feeds, calendars)."""
    request.frontcache_page_served = True
    tracking.add(f"served-{page.id}")


class FailingPurgesPanel(Component):
    name = "frontcache_failing_purges"
    template_name = "frontcache/failing_purges_panel.html"
    order = 50

    def __init__(self, failing):
        self.failing = failing

    def get_context_data(self, parent_context):
        oldest = self.failing.order_by("created_at").first()
        return {
            "count": self.failing.count(),
            "since": oldest.created_at,
            "error": oldest.last_error,
            "title": _("Front cache"),
        }


@hooks.register("construct_homepage_panels")
def failing_purges_panel(request, panels):
    """Administrators see when the front cache cannot be purged (pages may be stale)."""
    if request.user.is_superuser and purging.enabled():
        failing = purging.failing()
        if failing.exists():
            panels.append(FailingPurgesPanel(failing))
