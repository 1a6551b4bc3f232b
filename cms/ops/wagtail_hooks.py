from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.components import Component

from cms.ops.health import uses_database_queue
from cms.ops.views import TaskQueueView


@hooks.register("register_admin_urls")
def register_task_queue_url():
    return [path("reports/task-queue/", TaskQueueView.as_view(), name="ops_task_queue")]


@hooks.register("register_reports_menu_item")
def register_task_queue_menu_item():
    return AdminOnlyMenuItem(
        _("Task queue"), reverse("ops_task_queue"), name="task-queue", icon_name="cogs", order=900
    )


class TaskQueuePanel(Component):
    """On the dashboard of administrators, only while tasks fail or wait too long."""

    name = "task_queue"
    order = 50

    def __init__(self, summary):
        self.summary = summary

    def render_html(self, parent_context=None):
        return render_to_string(
            "ops/task_queue_panel.html",
            {"summary": self.summary, "url": reverse("ops_task_queue")},
        )


@hooks.register("construct_homepage_panels")
def add_task_queue_panel(request, panels):
    if not request.user.is_superuser or not uses_database_queue():
        return
    from django.conf import settings

    from cms.ops.taskqueue import queue_summary

    summary = queue_summary()
    slow = summary["oldest_waiting_seconds"] > settings.HEALTH_TASK_MAX_AGE_SECONDS
    if summary["failed_last_day"] or slow:
        panels.append(TaskQueuePanel(summary))
