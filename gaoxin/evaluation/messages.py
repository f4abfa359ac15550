"""The engine's errors, statuses and reasons in the user's language, at the Django boundary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext, gettext_lazy

from gaoxin.core.message_text import translated
from gaoxin.evaluation.engine import InputError, SchemeError
from gaoxin.evaluation.engine.reasons import describe
from gaoxin.evaluation.engine.scheme import BenchmarkMode
from gaoxin.evaluation.engine.xlsx import STATUS_MESSAGES

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

BENCHMARK_MODES: dict[str, StrOrPromise] = {
    BenchmarkMode.CONSTANT: gettext_lazy("published value"),
    BenchmarkMode.RATIO_OF_SUMS: gettext_lazy("group's ratio of sums"),
    BenchmarkMode.MEAN_OF_RATIOS: gettext_lazy("mean of the group's values"),
    BenchmarkMode.MEDIAN: gettext_lazy("median of the group"),
    BenchmarkMode.PRIOR: gettext_lazy("last year's benchmark"),
}


def scheme_problems(error: SchemeError) -> list[str]:
    """Each problem of a scheme, prefixed with its TOML path."""
    return [
        f"{issue.path}: {translated(issue.message)}" if issue.path else translated(issue.message)
        for issue in error.issues
    ]


def input_problems(error: InputError) -> list[str]:
    return [translated(message) for message in error.messages]


def status_label(status: str) -> str:
    msgid = STATUS_MESSAGES.get(status)
    return gettext(msgid) if msgid else status


def reason_text(reason: Mapping[str, str]) -> str:
    return translated(describe(reason["code"], reason["key"], reason["text"]))
