"""Explaining one stored result: each indicator's value, benchmark, weight, score and percentile; why the
firm is special; and what it would take to reach the next grade.

"What it would take" is the engine's ``what_it_would_take`` on the stored run: the firm's stored row plus
the totals of the firms it is ranked with are laid into a frame shaped like the engine's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.message_text import translated
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import engine
from gaoxin.evaluation.engine.explain import blocked_message
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR
from gaoxin.evaluation.engine.scheme import IndicatorRule, Normalisation
from gaoxin.evaluation.engine.score import output_columns
from gaoxin.evaluation.messages import BENCHMARK_MODES, reason_text
from gaoxin.evaluation.models import EvaluationResult

KEYS = {
    "industry_code": gettext_lazy("industry code"),
    "park": gettext_lazy("park"),
    "scale": gettext_lazy("scale"),
}


def field_label(scheme: engine.Scheme, name: str) -> str:
    if name in YEAR_FIELDS:
        return str(EnterpriseYear._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    declared = {column.key: column.label for column in scheme.inputs}
    return declared.get(name, name)


@dataclass(frozen=True)
class IndicatorLine:
    key: str
    label: str
    unit: str
    formula: str
    value: float | None
    benchmark: float | None
    minimum: float | None
    weight: float
    cap: float | None
    score: float | None
    percentile: float | None
    mode: str


@dataclass(frozen=True)
class Improvement:
    label: str
    unit: str
    current: float | None
    required: float | None
    rise: float | None
    numerator_rise: float | None
    numerator_label: str
    blocked: str


@dataclass(frozen=True)
class Outlook:
    target_grade: str | None
    target_total: float | None
    improvements: list[Improvement]
    blocked: str


@dataclass(frozen=True)
class Explanation:
    group_label: str
    lines: list[IndicatorLine]
    reasons: list[str]
    adjustments: list[tuple[str, float]]


def _mode(rule: IndicatorRule) -> str:
    if rule.normalisation is Normalisation.MINMAX:
        return _("minimum to maximum of the group")
    mode = str(BENCHMARK_MODES[rule.benchmark.mode]) if rule.benchmark.mode is not None else ""
    if rule.benchmark.by is not None:
        by = rule.benchmark.by
        key = str(KEYS.get(by.column, by.column))
        if by.prefix is not None:
            key = _("%(key)s (first %(digits)d digits)") % {"key": key, "digits": by.prefix}
        mode = _("%(mode)s, per %(key)s") % {"mode": mode, "key": key}
    return mode


def explain(result: EvaluationResult) -> Explanation:
    scheme = result.run.scheme.parsed()
    group = next((group for group in scheme.groups if group.key == result.group), None)
    lines = []
    for rule in group.indicators if group is not None else ():
        stored = result.indicators.get(rule.key, {})
        definition = rule.definition
        lines.append(
            IndicatorLine(
                key=rule.key,
                label=definition.label,
                unit=definition.unit,
                formula=f"{field_label(scheme, definition.numerator)} ÷ {field_label(scheme, definition.denominator)}",
                value=stored.get("value"),
                benchmark=stored.get("benchmark"),
                minimum=stored.get("minimum"),
                weight=rule.weight,
                cap=rule.cap,
                score=stored.get("score"),
                percentile=stored.get("percentile"),
                mode=_mode(rule),
            )
        )
    reasons = {adjustment.key: adjustment.reason for adjustment in scheme.adjustments}
    adjustments = [(reasons.get(key, key), amount) for key, amount in result.adjustments.items() if amount]
    return Explanation(
        group_label=group.label if group is not None else "",
        lines=lines,
        reasons=[reason_text(reason) for reason in result.reasons],
        adjustments=adjustments,
    )


def _engine_row(result: EvaluationResult, scheme: engine.Scheme, columns: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(columns)
    row |= {
        CREDIT_CODE: result.enterprise.credit_code,
        "status": result.status,
        "group": result.group or None,
        "rank_partition": result.rank_partition or None,
        "base_score": result.base_score,
        "correction": result.correction,
        "adjustment_total": result.adjustment_total,
        "total": result.total,
        "rank": result.rank,
        "ranked_count": result.ranked_count,
        "top_percent": result.top_percent,
        "grade_merit": result.grade_merit or None,
        "grade": result.grade_computed or None,
        "reasons": result.reasons,
    }
    if LESSOR in columns:
        row[LESSOR] = result.lessor_credit_code or None
    for key, parts in result.indicators.items():
        for part, value in parts.items():
            if f"ind_{key}_{part}" in columns:
                row[f"ind_{key}_{part}"] = value
    for rule in scheme.adjustments:
        row[f"adj_{rule.key}"] = result.adjustments.get(rule.key, 0.0)
    return row


def engine_result(result: EvaluationResult, peers: list[tuple[int, float | None, str]]) -> engine.ScoreTable:
    """The firm's stored row and the totals of the firms ranked with it (``peers``: their enterprise ids, totals
    and statuses, as ``selectors.ranked_peers`` reads them), shaped like the engine's output."""
    scheme = result.run.scheme.parsed()
    columns = output_columns(scheme)
    rows = [_engine_row(result, scheme, columns)]
    for enterprise_id, total, status in peers:
        rows.append(
            {CREDIT_CODE: f"#{enterprise_id}", "group": result.group, "rank_partition": result.rank_partition or None,
             "total": total, "status": status}
        )  # fmt: skip
    frame = pl.DataFrame(rows, schema=columns, orient="row")
    return engine.ScoreTable(scheme, frame, pl.DataFrame(), result.run.year)


def outlook(result: EvaluationResult, peers: list[tuple[int, float | None, str]]) -> Outlook:
    """What it would take ``result``'s firm to reach the next grade, among ``peers`` (see ``engine_result``)."""
    scheme = result.run.scheme.parsed()
    data = pl.DataFrame([{CREDIT_CODE: result.enterprise.credit_code, **result.inputs}])
    found = engine.what_it_would_take(engine_result(result, peers), result.enterprise.credit_code, data)
    definitions = {definition.key: definition for definition in scheme.indicators}
    improvements = []
    for item in found.improvements:
        definition = definitions[item.indicator]
        improvements.append(
            Improvement(
                label=item.label,
                unit=definition.unit,
                current=item.current_value,
                required=item.required_value,
                rise=item.rise,
                numerator_rise=item.numerator_rise,
                numerator_label=field_label(scheme, definition.numerator),
                blocked=translated(blocked_message(item.blocked)) if item.blocked else "",
            )
        )
    return Outlook(
        target_grade=found.target_grade,
        target_total=found.target_total,
        improvements=improvements,
        blocked=translated(blocked_message(found.blocked)) if found.blocked else "",
    )
