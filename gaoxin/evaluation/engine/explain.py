"""What it would take: for one firm, the smallest rise of each indicator alone that lifts it a grade.

Everything else is held fixed: the benchmarks, the other firms' totals, the firm's other indicator scores,
its correction factor and its adjustments (points as they are, percent adjustments at the firm's current
percentage). For percentile grading the target is the total of the firm now holding the last place of the
better band: tying it is enough under tie rule ``favourable``; under ``unfavourable`` the firm must pass it
by one unit of the last decimal. A rise is impossible when the indicator's score would have to pass its cap
(or the weight, for min–max), when its benchmark is unusable, or when a veto caps the grade.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.errors import InputError
from gaoxin.evaluation.engine.glossary import CREDIT_CODE
from gaoxin.evaluation.engine.rounding import TOLERANCE, band_counts, round_half_up_value
from gaoxin.evaluation.engine.scheme import (
    AdjustmentKind,
    GradingMethod,
    Group,
    IndicatorRule,
    Normalisation,
    Scheme,
    Ties,
)
from gaoxin.evaluation.engine.score import ScoreTable, Status

Row = Mapping[str, object]

BLOCKED: dict[str, str] = {
    "not_scored": gettext_noop("The firm is not scored in this evaluation, so no rise changes its grade."),
    "top_grade": gettext_noop("The firm already has the best grade."),
    "vetoed": gettext_noop("A veto caps the firm's grade; better figures cannot lift it."),
    "band_empty": gettext_noop("The better grade holds no firm in a group of this size."),
    "capped": gettext_noop("Even the highest score this indicator allows would not be enough."),
    "benchmark_invalid": gettext_noop("This indicator's benchmark is unusable, so it scores nothing."),
    "no_effect": gettext_noop("The firm's correction factor and adjustments leave its indicators no effect."),
}


@dataclass(frozen=True)
class Improvement:
    """The rise of one indicator alone that reaches the target total; ``blocked`` says why there is none.

    ``current_value`` is None when the firm's data for the indicator is missing or unusable; then only
    ``required_value`` is given. ``numerator_rise`` restates the rise as numerator at the firm's current
    denominator (e.g. 万元 of tax at its land area) when the input data is supplied.
    """

    indicator: str
    label: str
    current_value: float | None
    required_value: float | None = None
    rise: float | None = None
    numerator_rise: float | None = None
    blocked: str | None = None


@dataclass(frozen=True)
class Outlook:
    credit_code: str
    grade: str | None
    target_grade: str | None = None
    target_total: float | None = None
    improvements: tuple[Improvement, ...] = ()
    blocked: str | None = None


def blocked_message(code: str) -> Message:
    return Message(BLOCKED[code], {})


class _Totals:
    """One firm's total as a function of one indicator score, the rest held fixed.

    The score needed is aimed at half a unit of the last decimal below the goal, which the total's
    half-up rounding (with its tolerance of 10⁻⁹ units) lifts to the goal.
    """

    def __init__(self, scheme: Scheme, group: Group, row: Row) -> None:
        self.scheme = scheme
        self.scores = {rule.key: float(row[f"ind_{rule.key}_score"]) for rule in group.indicators}  # type: ignore[arg-type]
        self.factor = float(row["correction"])  # type: ignore[arg-type]
        corrected = float(row["base_score"]) * self.factor  # type: ignore[arg-type]
        self.points, self.shares = [], []
        for rule in scheme.adjustments:
            amount = float(row[f"adj_{rule.key}"])  # type: ignore[arg-type]
            if rule.kind is AdjustmentKind.POINTS:
                self.points.append(amount)
            else:
                self.shares.append(amount / corrected if corrected else 0.0)

    def score_needed(self, key: str, goal: float) -> float:
        """The indicator score, before rounding of the total, whose total first reaches ``goal``."""
        half = 0.5 * 10.0**-self.scheme.decimals
        rest = sum(score for name, score in self.scores.items() if name != key)
        return (goal - half - sum(self.points)) / (self.factor * (1.0 + sum(self.shares))) - rest


def _value_for(rule: IndicatorRule, score: float, top: float, low: float) -> float:
    if rule.normalisation is Normalisation.RATIO:
        return score / rule.weight * top
    return low + score / rule.weight * (top - low)


def _improvement(
    scheme: Scheme, row: Row, totals: _Totals, rule: IndicatorRule, goal: float, data: Row | None
) -> Improvement:
    key = rule.key
    current = row[f"ind_{key}_value"]
    value = None if current is None else float(current)  # type: ignore[arg-type]
    result = Improvement(key, rule.definition.label, value)
    top = row[f"ind_{key}_benchmark"]
    # the minimum column exists when some group scores the indicator min–max; only such a rule reads it
    low = row.get(f"ind_{key}_minimum") if rule.normalisation is Normalisation.MINMAX else 0.0
    if top is None or low is None or (rule.normalisation is Normalisation.RATIO and float(top) <= 0):  # type: ignore[arg-type]
        return replace(result, blocked="benchmark_invalid")
    top, low = float(top), float(low)  # type: ignore[arg-type]
    if totals.factor * (1.0 + sum(totals.shares)) <= 0:
        return replace(result, blocked="no_effect")
    needed = totals.score_needed(key, goal)
    limit = min(rule.weight if rule.normalisation is Normalisation.MINMAX else math.inf, rule.cap or math.inf)
    if scheme.indicator_decimals is not None:
        unit = 10.0**-scheme.indicator_decimals
        needed = math.ceil(needed / unit - TOLERANCE) * unit - unit / 2
    if needed > limit + TOLERANCE:
        return replace(result, blocked="capped")
    required = _value_for(rule, needed, top, low)
    rise = None if value is None else required - value
    denominator = None if data is None else data.get(rule.definition.denominator)
    numerator_rise = None if rise is None or denominator is None else rise * float(denominator)  # type: ignore[arg-type]
    return replace(result, required_value=required, rise=rise, numerator_rise=numerator_rise)


def _target_total(result: ScoreTable, row: Row, group: Group, target: int) -> float | None:
    """The total that earns grade position ``target``; None when that band is empty."""
    grading, decimals = group.grading, result.scheme.decimals
    if grading.method is GradingMethod.THRESHOLD:
        return grading.bands[target].minimum
    count = band_counts(int(row["ranked_count"]), grading.bands, grading.band_rounding)[target]  # type: ignore[call-overload]
    if count == 0:
        return None
    same = (pl.col("group") == row["group"]) & (pl.col(CREDIT_CODE) != row[CREDIT_CODE])
    if row["rank_partition"] is not None:
        same = same & (pl.col("rank_partition") == row["rank_partition"])
    others = result.frame.filter(same & pl.col("total").is_not_null())["total"].sort(descending=True)
    holder = float(others[count - 1])
    return (
        holder if grading.ties is Ties.FAVOURABLE else round_half_up_value(holder + 10.0**-decimals, decimals)
    )


def what_it_would_take(result: ScoreTable, credit_code: str, data: pl.DataFrame | None = None) -> Outlook:
    """For the firm ``credit_code``: the smallest rise of each indicator alone that lifts it one grade.

    ``data``: the input frame, to restate rises as numerator amounts (optional).
    """
    rows = result.frame.filter(pl.col(CREDIT_CODE) == credit_code)
    if rows.height == 0:
        raise InputError(
            [
                Message(
                    gettext_noop("No enterprise with credit code %(code)s in this result."),
                    {"code": credit_code},
                )
            ]
        )
    row = rows.row(0, named=True)
    scheme, grade = result.scheme, row["grade"]
    if row["status"] != Status.SCORED:
        return Outlook(credit_code, grade, blocked="not_scored")
    position = scheme.grades.index(grade)
    if position == 0:
        return Outlook(credit_code, grade, blocked="top_grade")
    vetoes = {reason["key"] for reason in row["reasons"] if reason["code"] == "vetoed"}
    cap = max(
        (scheme.grades.index(veto.max_grade) for veto in scheme.vetoes if veto.key in vetoes), default=0
    )
    target = position - 1
    if cap > target:
        return Outlook(credit_code, grade, scheme.grades[target], blocked="vetoed")
    group = scheme.group(row["group"])
    goal = _target_total(result, row, group, target)
    if goal is None:
        return Outlook(credit_code, grade, scheme.grades[target], blocked="band_empty")
    inputs = None
    if data is not None:
        matches = data.filter(pl.col(CREDIT_CODE) == credit_code)
        inputs = matches.row(0, named=True) if matches.height else None
    totals = _Totals(scheme, group, row)
    improvements = tuple(_improvement(scheme, row, totals, rule, goal, inputs) for rule in group.indicators)
    return Outlook(credit_code, grade, scheme.grades[target], goal, improvements)
