"""★ 亩均 pre-evaluation of a lead: where its promised figures at full production would stand in the zone's 亩均
evaluation, and against the target parcel's standard-parcel (标准地) control indicators.

The scoring is the evaluation engine's, nothing else: the latest published run's scheme scores the published
year's population plus the lead, every computed benchmark pinned to the one the run published (the engine's
``prior`` mode fed with the run's benchmark table), so the lead is measured against last year's published
figures and the others score as they did. Only the lead's row is kept: its total, grade and per-indicator value,
benchmark, score and gap; its percentile is its place among the published results of its group (the share of
them scoring below it). The parcel's control indicators are those its standard-parcel commitment holds
(``projects.Commitment``), judged by the projects' rule (``preevaluation_figures.parcel_check``).

The result is plain JSON, stored with the review (``LeadAdmission.preevaluation``) as it was at the time.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import polars as pl

from gaoxin.enterprises.models import LandParcel
from gaoxin.evaluation import engine
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.engine.scheme import COMPUTED_MODES, BenchmarkMode, Scheme
from gaoxin.evaluation.engine.score import indicator_keys
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun
from gaoxin.evaluation.result_rows import prior_frame
from gaoxin.evaluation.selectors.frames import ENTERPRISE_ID, year_frame
from gaoxin.investment import preevaluation_figures as figures
from gaoxin.investment.models import Lead
from gaoxin.projects.commitment_check import INDICATORS, Committed
from gaoxin.projects.models import Commitment

PLACES = 4


def promised(lead: Lead) -> figures.Promised:
    return figures.Promised(
        land_mu=lead.land_mu,
        floor_area_m2=lead.floor_area_m2,
        fixed_asset_investment=lead.fixed_asset_investment,
        output_value=lead.expected_output_value,
        value_added=lead.expected_value_added,
        tax=lead.expected_tax,
        energy_tce=lead.expected_energy_tce,
        emissions_t=lead.expected_emissions_t,
        rd_expense=lead.expected_rd_expense,
        employees=lead.expected_employees,
        industry_code=lead.industry_code,
    )


def published_run() -> EvaluationRun | None:
    """The latest published run: the zone's current published scheme and last year's published results."""
    return (
        EvaluationRun.objects.filter(status=RunStatus.PUBLISHED)
        .select_related("scheme")
        .order_by("-year", "-published_at", "-id")
        .first()
    )


def pinned(scheme: Scheme) -> Scheme:
    """``scheme`` with every computed benchmark read from the prior (published) table instead — computed as the
    scheme says only where that table has no figure."""

    def pin(spec: engine.scheme.BenchmarkSpec) -> engine.scheme.BenchmarkSpec:
        if spec.mode in COMPUTED_MODES:
            return dataclasses.replace(spec, mode=BenchmarkMode.PRIOR, fallback=spec.mode)
        return spec

    groups = tuple(
        dataclasses.replace(
            group,
            indicators=tuple(
                dataclasses.replace(rule, benchmark=pin(rule.benchmark)) for rule in group.indicators
            ),
        )
        for group in scheme.groups
    )
    return dataclasses.replace(scheme, groups=groups)


def published_benchmarks(run: EvaluationRun, scheme: Scheme) -> pl.DataFrame | None:
    """The run's benchmark table as the engine's prior, without the partitions the run did not use (fewer
    firms than the rule's minimum: those firms took the group-wide figure)."""
    minimum = {
        (group.key, rule.key): rule.benchmark.min_firms
        for group in scheme.groups
        for rule in group.indicators
    }
    used = [
        row
        for row in run.benchmarks
        if row.get("partition") is None
        or row.get("firms") is None
        or row["firms"] >= minimum.get((row.get("group"), row.get("indicator")), 1)
    ]
    return prior_frame(used)


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), PLACES)


def _percentile(run: EvaluationRun, group: str, total: float) -> tuple[float | None, int]:
    """The share (%) of the run's published results of ``group`` scoring below ``total``, and their number."""
    totals: list[float] = [
        t
        for t in EvaluationResult.objects.filter(run=run, group=group).values_list("total", flat=True)
        if t is not None
    ]
    if not totals:
        return None, 0
    below = len([t for t in totals if t < total])
    return round(100.0 * below / len(totals), 2), len(totals)


def evaluation(lead: Lead, run: EvaluationRun) -> dict[str, Any]:
    """The lead scored with the run's scheme against the run's published benchmarks (see the module)."""
    scheme = run.scheme.parsed()
    population = year_frame(run.year, scheme).drop(ENTERPRISE_ID)
    row = pl.DataFrame([figures.engine_row(promised(lead), lead.name)], infer_schema_length=None)
    frame = pl.concat([population, row], how="diagonal_relaxed")
    result = engine.evaluate(frame, pinned(scheme), published_benchmarks(run, scheme), year=run.year)
    mine = result.frame.filter(pl.col("credit_code") == figures.LEAD_CODE).to_dicts()[0]
    groups = {group.key: group for group in scheme.groups}
    group = groups.get(mine["group"] or "")
    definitions = {d.key: d for d in scheme.indicators}
    indicators = []
    for key in indicator_keys(scheme):
        if group is None or key not in {rule.key for rule in group.indicators}:
            continue
        value, benchmark = mine.get(f"ind_{key}_value"), mine.get(f"ind_{key}_benchmark")
        gap = None if value is None or benchmark is None else value - benchmark
        indicators.append(
            {
                "key": key,
                "label": definitions[key].label,
                "unit": definitions[key].unit,
                "value": _round(value),
                "benchmark": _round(benchmark),
                "gap": _round(gap),
                "score": _round(mine.get(f"ind_{key}_score")),
            }
        )
    total = mine["total"]
    percentile, published = _percentile(run, mine["group"] or "", total) if total is not None else (None, 0)
    return {
        "run": run.pk,
        "year": run.year,
        "scheme": scheme.title or scheme.name,
        "scheme_version": scheme.version,
        "status": mine["status"],
        "group": mine["group"] or "",
        "group_label": group.label if group is not None else "",
        "total": _round(total),
        "grade": mine["grade"] or "",
        "rank": mine["rank"],
        "ranked_count": mine["ranked_count"],
        "percentile": percentile,
        "published_count": published,
        "indicators": indicators,
    }


def parcel_evaluation(lead: Lead, parcel: LandParcel) -> dict[str, Any]:
    """Pass or fail per control indicator of the parcel — those of its latest standard-parcel commitment
    (``projects.Commitment``); ``indicators`` empty when it has none recorded."""
    commitment = Commitment.objects.filter(parcel=parcel).order_by("-signed_on", "-id").first()
    if commitment is None:
        return {"parcel": str(parcel), "indicators": [], "passed": None}
    control = Committed(**{name: getattr(commitment, name) for name in INDICATORS})
    outcome = figures.parcel_check(control, promised(lead), parcel.area_mu)
    return {
        "parcel": str(parcel),
        "indicators": [
            {
                "indicator": r.indicator,
                "required": str(r.committed),
                "promised": None if r.actual is None else str(r.actual),
                "status": r.status,
            }
            for r in outcome.results
        ],
        "passed": outcome.passed,
    }


def preevaluate(lead: Lead, parcel: LandParcel | None = None) -> dict[str, Any]:
    """The whole pre-evaluation as stored with a review: the 亩均 standing (``None`` when no run is published)
    and the parcel check (``None`` when no parcel is chosen)."""
    run = published_run()
    return {
        "evaluation": evaluation(lead, run) if run is not None else None,
        "parcel": parcel_evaluation(lead, parcel) if parcel is not None else None,
    }
