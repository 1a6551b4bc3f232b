"""OGP action plans: plans, commitments, milestones, institutions, progress and assessments."""

from .commitments import (
    CommitmentDocument,
    CommitmentPage,
    CommitmentPartner,
    CommitmentRelatedPage,
    CommitmentTag,
    Milestone,
)
from .institutions import Institution
from .plans import ActionPlanDocument, ActionPlanLink, ActionPlanMeeting, ActionPlanPage
from .updates import Assessment, ProgressUpdate

__all__ = [
    "ActionPlanDocument",
    "ActionPlanLink",
    "ActionPlanMeeting",
    "ActionPlanPage",
    "Assessment",
    "CommitmentDocument",
    "CommitmentPage",
    "CommitmentPartner",
    "CommitmentRelatedPage",
    "CommitmentTag",
    "Institution",
    "Milestone",
    "ProgressUpdate",
]
