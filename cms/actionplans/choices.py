"""The fixed vocabularies of OGP action plans (the names OGP's templates and IRM use)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("In preparation")
    ADOPTED = "adopted", _("Adopted")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", pgettext_lazy("action plan", "Completed")


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", pgettext_lazy("milestone", "Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class CommitmentStatus(models.TextChoices):
    """Computed from the milestones, never typed."""

    NO_MILESTONES = "no_milestones", _("No milestones yet")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", pgettext_lazy("commitment", "Completed")
    CANCELLED = "cancelled", _("Cancelled")


class OGPValue(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparency")
    PARTICIPATION = "participation", _("Civic participation")
    ACCOUNTABILITY = "accountability", _("Public accountability")


class ActorType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    INTERNATIONAL = "international", _("International organisation")


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    INDEPENDENT = "independent", _("Independent review")
    END_OF_COMMITMENT = "end", _("End-of-commitment report")


class Verifiability(models.TextChoices):
    VERIFIABLE = "verifiable", _("Verifiable")
    NOT_SPECIFIC = "not_specific", _("Not specific enough to verify")


class CompletionLevel(models.TextChoices):
    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", pgettext_lazy("completion", "Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class OpenGovernmentResult(models.TextChoices):
    """OGP's "Did it open government?" scale."""

    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")
