from plugins.consultations.models.pages import (
    ConsultationCommitment,
    ConsultationDecision,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    Decision,
    Respondents,
    ResultsVisibility,
    Status,
)
from plugins.consultations.models.responses import Answer, PendingResponse, Response
from plugins.consultations.models.topics import ConsultationTopic

__all__ = [
    "Answer",
    "ConsultationCommitment",
    "ConsultationDecision",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationTopic",
    "Decision",
    "PendingResponse",
    "Respondents",
    "Response",
    "ResultsVisibility",
    "Status",
]
