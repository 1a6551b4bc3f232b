from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.ops.health import uses_database_queue


class TaskQueueView(WagtailAdminTemplateMixin, TemplateView):
    """The background task queue for administrators: what waits, how long the oldest has
    waited, and the latest failures with their tracebacks."""

    page_title = _("Task queue")
    header_icon = "cogs"
    template_name = "ops/task_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["database_queue"] = uses_database_queue()
        if context["database_queue"]:
            from cms.ops.taskqueue import queue_summary, recent_failures, waiting_by_task

            context.update(
                summary=queue_summary(),
                waiting_by_task=waiting_by_task(),
                failures=recent_failures(),
            )
        return context
