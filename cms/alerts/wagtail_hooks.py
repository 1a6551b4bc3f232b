from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.alerts.forms import EmergencyNoticeForm
from cms.alerts.models import EmergencyNotice


class EmergencyNoticeViewSet(SnippetViewSet):
    model = EmergencyNotice
    icon = "warning"
    menu_label = _("Emergency notices")
    menu_order = 150
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "site",
        "severity",
        "active",
        "switched_by",
        "switched_at",
    ]
    list_filter = ["site", "active", "severity"]
    edit_handler = ObjectList(EmergencyNotice.panels, base_form_class=EmergencyNoticeForm)

    def get_queryset(self, request):
        return EmergencyNotice.objects.select_related("site", "switched_by").prefetch_related(
            "texts"
        )


register_snippet(EmergencyNoticeViewSet)


@hooks.register("register_log_actions")
def register_notice_actions(actions):
    actions.register_action("alerts.switch_on", _("Switch on"), _("Switched on"))
    actions.register_action("alerts.switch_off", _("Switch off"), _("Switched off"))
