"""engine_1m: 1,000,000 enterprises × 6 indicators scored and graded with the shipped 规上 scheme.

Value: seconds ``evaluate`` takes, best of three runs (target ≤ 1 s on the 2-core machine). Reference: a plain-Python
implementation of the same scheme (loops over dicts) on the same data, measured in the same run; its
totals and grades must equal the engine's, which is asserted. The data is generated deterministically with
numpy before timing, in credit-code order as a registry export comes; the time for the same rows shuffled
is printed as well. Run: ``python -m benchmarks.engine_1m [ROWS]``.
"""

from __future__ import annotations

import json
import math
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import polars as pl

from gaoxin.evaluation.engine import Scheme, evaluate, load_scheme
from gaoxin.evaluation.engine.scheme import AdjustmentKind, BenchmarkMode, Policy

SCHEME = Path(__file__).resolve().parents[1] / "gaoxin/evaluation/schemes/zhejiang_above_scale.toml"
ROWS = 1_000_000
RUNS = 3  # the engine's time is the best of these runs, as timeit reports


def synthetic(rows: int, seed: int = 20250101) -> pl.DataFrame:
    """Plausible above-scale firms: lognormal land and intensities, some zeros, 5% missing emissions."""
    rng = np.random.default_rng(seed)
    land = np.round(rng.lognormal(3.0, 0.8, rows), 2)
    tax = np.round(land * rng.lognormal(2.5, 1.0, rows), 2)
    value_added = np.round(land * rng.lognormal(4.5, 0.9, rows), 2)
    energy = np.round(value_added / rng.lognormal(1.5, 0.7, rows), 2)
    emissions = np.round(value_added / rng.lognormal(4.0, 1.0, rows), 3)
    employees = np.ceil(value_added / rng.lognormal(3.0, 0.5, rows))
    main_revenue = np.round(value_added * rng.uniform(3, 6, rows), 2)
    rd_expense = np.round(main_revenue * rng.beta(1.5, 60, rows), 2)
    tax[rng.random(rows) < 0.01] = 0.0
    energy[rng.random(rows) < 0.005] = 0.0
    land[rng.random(rows) < 0.001] = 0.0
    missing_emissions = rng.random(rows) < 0.05
    return pl.DataFrame(
        {
            "credit_code": [f"9133{number:014d}" for number in range(rows)],
            "scale": "above_scale",
            "tax": tax,
            "land_mu": land,
            "value_added": value_added,
            "energy_tce": energy,
            "emissions_t": emissions,
            "employees": employees,
            "main_revenue": main_revenue,
            "rd_expense": rd_expense,
            "high_tech": rng.random(rows) < 0.15,
            "safety_accident": rng.random(rows) < 0.005,
            "environmental_violation": rng.random(rows) < 0.005,
            "serious_dishonesty": rng.random(rows) < 0.002,
            "utility": rng.random(rows) < 0.003,
        }
    ).with_columns(
        emissions_t=pl.when(pl.Series(missing_emissions)).then(None).otherwise(pl.col("emissions_t"))
    )


def _round(value: float, decimals: int) -> float:
    scale = 10.0**decimals
    magnitude = round(math.floor(abs(value) * scale + 0.5 + 1e-9) / scale, decimals)
    return magnitude if value >= 0 else 0.0 - magnitude


def reference(rows: list[dict[str, object]], scheme: Scheme) -> dict[str, tuple[float | None, str | None]]:
    """The scheme by hand: credit code → (total, grade). Covers what the shipped 规上 scheme uses."""
    (group,) = scheme.groups
    assert all(
        rule.benchmark.mode is BenchmarkMode.RATIO_OF_SUMS and rule.benchmark.by is None
        for rule in group.indicators
    )
    assert all(
        adjustment.kind is AdjustmentKind.POINTS and adjustment.per is None
        for adjustment in scheme.adjustments
    )
    rows = sorted(rows, key=lambda row: row["credit_code"])  # type: ignore[arg-type, return-value]
    flag = {
        rule.key: rule.when[0].column for rule in (*scheme.exemptions, *scheme.vetoes, *scheme.adjustments)
    }
    scored = [
        row
        for row in rows
        if row["scale"] == "above_scale" and not any(row[flag[e.key]] for e in scheme.exemptions)
    ]
    states: dict[str, list[tuple[str, float | None]]] = {}
    for rule in group.indicators:
        column = []
        for row in scored:
            numerator, denominator = row[rule.definition.numerator], row[rule.definition.denominator]
            if numerator is None or denominator is None:
                column.append(("missing", None))
            elif denominator <= 0:  # type: ignore[operator]
                column.append(("nonpositive", None))
            else:
                value = numerator / denominator  # type: ignore[operator]
                column.append(("valid", value) if math.isfinite(value) else ("missing", None))
        states[rule.key] = column
    excluded = [
        any(
            (states[rule.key][index][0] == "missing" and rule.missing is Policy.EXCLUDE)
            or (
                states[rule.key][index][0] == "nonpositive" and rule.nonpositive_denominator is Policy.EXCLUDE
            )
            for rule in group.indicators
        )
        for index in range(len(scored))
    ]
    scores: dict[str, list[float]] = {}
    for rule in group.indicators:
        numerators = denominators = 0.0
        for index, row in enumerate(scored):
            if states[rule.key][index][0] == "valid" and not excluded[index]:
                numerators += row[rule.definition.numerator]  # type: ignore[operator]
                denominators += row[rule.definition.denominator]  # type: ignore[operator]
        benchmark = _round(numerators / denominators, rule.benchmark.decimals or 0)
        raw = []
        for index in range(len(scored)):
            state, value = states[rule.key][index]
            if state == "valid" and not excluded[index]:
                score = value / benchmark * rule.weight  # type: ignore[operator]
                score = min(max(score, rule.floor), rule.cap)  # type: ignore[type-var]
                raw.append(score)
        average = sum(raw) / len(raw) if raw else 0.0
        policy_score = {Policy.ZERO: 0.0, Policy.IMPUTE: average, Policy.FULL: rule.full_score}
        column_scores, position = [], 0
        for index in range(len(scored)):
            state = states[rule.key][index][0]
            if excluded[index]:
                column_scores.append(0.0)
            elif state == "valid":
                column_scores.append(raw[position])
                position += 1
            elif state == "missing":
                column_scores.append(policy_score[rule.missing])
            else:
                column_scores.append(policy_score[rule.nonpositive_denominator])
        scores[rule.key] = column_scores
    totals: dict[str, float] = {}
    for index, row in enumerate(scored):
        if excluded[index]:
            continue
        base = scores[group.indicators[0].key][index]
        for rule in group.indicators[1:]:
            base = base + scores[rule.key][index]
        adjustment = 0.0
        for rule in scheme.adjustments:
            adjustment = adjustment + (rule.amount if row[flag[rule.key]] else 0.0)
        totals[row["credit_code"]] = _round(base * 1.0 + adjustment, scheme.decimals)  # type: ignore[index]
    ordered = sorted(totals.values(), reverse=True)
    first_rank: dict[float, int] = {}
    for position, total in enumerate(ordered, start=1):
        first_rank.setdefault(total, position)
    size = len(ordered)
    limits = [
        math.floor(Fraction(size) * (band.upto or Fraction(0)) / 100 + Fraction(1, 2))
        for band in group.grading.bands
    ]
    grades = scheme.grades
    result: dict[str, tuple[float | None, str | None]] = {}
    for row in rows:
        code = row["credit_code"]
        if code not in totals:
            result[code] = (None, None)  # type: ignore[index]
            continue
        merit = next(number for number, limit in enumerate(limits) if first_rank[totals[code]] <= limit)  # type: ignore[index]
        caps = [grades.index(veto.max_grade) for veto in scheme.vetoes if row[flag[veto.key]]]
        result[code] = (totals[code], grades[max([merit, *caps])])  # type: ignore[index]
    return result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    scheme = load_scheme(SCHEME)
    data = synthetic(rows)
    shuffled = data.sample(fraction=1.0, shuffle=True, seed=7)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = evaluate(data, scheme)
        timings.append(time.perf_counter() - started)
    seconds = min(timings)
    started = time.perf_counter()
    evaluate(shuffled, scheme)
    print(
        f"engine: runs {', '.join(f'{t:.3f}' for t in timings)} s; same rows shuffled: {time.perf_counter() - started:.3f} s"
    )
    dicts = data.to_dicts()
    started = time.perf_counter()
    expected = reference(dicts, scheme)
    reference_seconds = time.perf_counter() - started
    engine = {
        code: (total, grade)
        for code, total, grade in result.frame.select("credit_code", "total", "grade").iter_rows()
    }
    mismatches = [code for code, outcome in expected.items() if engine[code] != outcome]
    assert not mismatches, f"{len(mismatches)} firms differ, e.g. {mismatches[:3]}"
    counts = dict(result.frame["grade"].value_counts().iter_rows())
    print(f"{rows} firms, grades {sorted(counts.items(), key=lambda item: str(item[0]))}; reference agrees")
    print(
        json.dumps(
            {
                "name": "engine_1m",
                "value": round(seconds, 3),
                "unit": "s",
                "reference": "plain-Python implementation of the same scheme (loops over dicts)",
                "reference_value": round(reference_seconds, 3),
                "ratio": round(seconds / reference_seconds, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
