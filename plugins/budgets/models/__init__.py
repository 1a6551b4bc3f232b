from plugins.budgets.models.cycles import (
    PHASE_FIELDS,
    BallotRule,
    BudgetCategory,
    BudgetCyclePage,
    BudgetDistrict,
    CountingRule,
    CycleKind,
    Phase,
    default_currency,
)
from plugins.budgets.models.projects import (
    BudgetProject,
    ProjectImage,
    ProjectMilestone,
    ProjectPhoto,
    ProjectResult,
    ProjectSpending,
    ProjectStatus,
)
from plugins.budgets.models.voting import Ballot, BallotChoice, VotingCode

__all__ = [
    "PHASE_FIELDS",
    "Ballot",
    "BallotChoice",
    "BallotRule",
    "BudgetCategory",
    "BudgetCyclePage",
    "BudgetDistrict",
    "BudgetProject",
    "CountingRule",
    "CycleKind",
    "Phase",
    "ProjectImage",
    "ProjectMilestone",
    "ProjectPhoto",
    "ProjectResult",
    "ProjectSpending",
    "ProjectStatus",
    "VotingCode",
    "default_currency",
]
