"""The 亩均论英雄 evaluation engine: pure polars, no Django (DOMAIN.md §3, docs/scheme-format.md)."""

from gaoxin.evaluation.engine.errors import InputError, Message, SchemeError, SchemeIssue
from gaoxin.evaluation.engine.scheme import Scheme
from gaoxin.evaluation.engine.scheme_validation import load_scheme, parse_scheme, scheme_from_dict
from gaoxin.evaluation.engine.score import EvaluationResult, Status, evaluate

__all__ = [
    "EvaluationResult",
    "InputError",
    "Message",
    "Scheme",
    "SchemeError",
    "SchemeIssue",
    "Status",
    "evaluate",
    "load_scheme",
    "parse_scheme",
    "scheme_from_dict",
]
