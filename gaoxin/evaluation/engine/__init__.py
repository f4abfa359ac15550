"""The 亩均论英雄 evaluation engine: pure polars, no Django (DOMAIN.md §3, docs/scheme-format.md).

``evaluate`` scores and grades; ``explain.what_it_would_take`` and ``compare.compare`` read results;
``columns.map_columns`` and ``xlsx.write_result_xlsx`` serve offline runs on spreadsheets.
"""

from gaoxin.evaluation.engine.compare import Comparison, compare
from gaoxin.evaluation.engine.errors import InputError, SchemeError, SchemeIssue
from gaoxin.evaluation.engine.explain import Improvement, Outlook, what_it_would_take
from gaoxin.evaluation.engine.scheme import Scheme
from gaoxin.evaluation.engine.scheme_validation import (
    load_scheme,
    parse_scheme,
    scheme_from_dict,
    shipped_scheme,
)
from gaoxin.evaluation.engine.score import STATUSES, ScoreTable, Status, evaluate

__all__ = [
    "STATUSES",
    "Comparison",
    "Improvement",
    "InputError",
    "Outlook",
    "Scheme",
    "SchemeError",
    "SchemeIssue",
    "ScoreTable",
    "Status",
    "compare",
    "evaluate",
    "load_scheme",
    "parse_scheme",
    "scheme_from_dict",
    "shipped_scheme",
    "what_it_would_take",
]
