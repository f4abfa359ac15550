"""The evaluation app's models, one module per concern."""

from gaoxin.evaluation.models.feedback import DataConfirmation, EvidenceFile, Objection
from gaoxin.evaluation.models.inputs import EvaluationInput
from gaoxin.evaluation.models.policies import GradePolicy
from gaoxin.evaluation.models.runs import EvaluationResult, EvaluationRun, Regrade
from gaoxin.evaluation.models.schemes import Scheme
from gaoxin.evaluation.models.settings import EvaluationSettings

__all__ = [
    "DataConfirmation",
    "EvaluationInput",
    "EvaluationResult",
    "EvaluationRun",
    "EvaluationSettings",
    "EvidenceFile",
    "GradePolicy",
    "Objection",
    "Regrade",
    "Scheme",
]
