"""The review form of a project in the admin: an infeasible project needs a public reason;
each change of the review records who made it and when."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from plugins.budgets import rights
from plugins.budgets.models import ProjectStatus
from plugins.budgets.notifications import review_decided

REVIEW_FIELDS = ("status", "review_reason", "reviewed_cost")


class ProjectReviewForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "cycle" in self.fields:
            field = self.fields["cycle"]
            field.queryset = rights.cycles_within_sites(field.queryset, user)

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == ProjectStatus.INFEASIBLE and not (cleaned.get("review_reason") or "").strip():
            self.add_error(
                "review_reason",
                _("Say publicly why the project cannot be built."),
            )
        cost = cleaned.get("reviewed_cost")
        if cost is not None and cost <= 0:
            self.add_error("reviewed_cost", _("The corrected cost must be more than zero."))
        if (
            self.instance.pk
            and self.instance.votes
            and "status" in self.changed_data
            and status
            in (ProjectStatus.INFEASIBLE, ProjectStatus.WITHDRAWN, ProjectStatus.PROPOSED)
        ):
            raise ValidationError(
                _("This project already has votes: it can no longer be taken off the ballot.")
            )
        return cleaned

    def save(self, commit=True):
        project = super().save(commit=False)
        if any(name in self.changed_data for name in REVIEW_FIELDS):
            project.reviewed_at = timezone.now()
            user = getattr(self, "for_user", None)
            if user is not None and user.is_authenticated:
                project.reviewed_by = user
        if commit:
            project.save()
            self.save_m2m()
        if "status" in self.changed_data:
            review_decided(project)
        return project
