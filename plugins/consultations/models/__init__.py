from plugins.consultations.models.pages import (
    ConsultationCommitment,
    ConsultationDecision,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    Decision,
    Respondents,
    ResultsVisibility,
)
from plugins.consultations.models.responses import Answer, PendingResponse, Response
from plugins.consultations.models.topics import ConsultationTopic
from plugins.consultations.status import ConsultationStatus

__all__ = [
    "Answer",
    "ConsultationCommitment",
    "ConsultationDecision",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "ConsultationTopic",
    "Decision",
    "PendingResponse",
    "Respondents",
    "Response",
    "ResultsVisibility",
]
