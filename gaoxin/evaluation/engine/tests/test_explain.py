"""What it would take to reach the next grade, computed by hand for small schemes."""

from __future__ import annotations

import polars as pl
import pytest

from gaoxin.evaluation.engine import InputError, evaluate
from gaoxin.evaluation.engine.explain import blocked_message, what_it_would_take
from gaoxin.evaluation.engine.tests.builders import TAX_PER_MU, VA_PER_MU, firms, scheme

TAX_10 = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 10 }')
VA_100 = VA_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 100 }')
THRESHOLDS = """
[grading]
method = "threshold"
bands = [{ grade = "A", min = 100 }, { grade = "B", min = 60 }, { grade = "C" }]
"""
GROUP = """
[[groups]]
key = "all"
label = "全部"
indicators = { tax_per_mu = 60, va_per_mu = 40 }
"""


def test_the_rise_of_each_indicator_alone() -> None:
    frame = firms(
        tax=[5.0], land_mu=[2.0], value_added=[200.0]
    )  # tax 2.5/mu → 15; va 100/mu → 40: total 55, C
    result = evaluate(frame.with_columns(tax=frame["tax"] * 2), scheme(TAX_10, VA_100, THRESHOLDS, GROUP))
    outlook = what_it_would_take(result, "F01", frame.with_columns(tax=frame["tax"] * 2))
    # total 30 + 40 = 70, grade B; A needs 100, reached from 99.995 (half up)
    assert (outlook.grade, outlook.target_grade, outlook.target_total) == ("B", "A", 100.0)
    tax, va = outlook.improvements
    assert tax.current_value == 5.0
    assert tax.required_value == pytest.approx(59.995 / 60 * 10)  # tax score must reach 99.995 − 40
    assert tax.rise == pytest.approx(59.995 / 60 * 10 - 5)
    assert tax.numerator_rise == pytest.approx((59.995 / 60 * 10 - 5) * 2)  # at 2 mu
    assert va.required_value == pytest.approx(69.995 / 40 * 100)
    assert (tax.blocked, va.blocked) == (None, None)


def test_a_capped_indicator_cannot_carry_the_firm() -> None:
    capped = VA_100 + "cap = { weight_multiple = 1.5 }\n"  # va can give at most 60 points; 69.995 are needed
    result = evaluate(
        firms(tax=[5.0], land_mu=[1.0], value_added=[100.0]), scheme(TAX_10, capped, THRESHOLDS, GROUP)
    )
    tax, va = what_it_would_take(result, "F01").improvements
    assert (tax.blocked, va.blocked, va.required_value) == (None, "capped", None)
    assert tax.numerator_rise is None  # no input data given


def test_percent_adjustments_are_held_at_the_firms_percentage() -> None:
    uplift = '\n[[adjustments]]\nkey = "uplift"\nreason = "上浮 10%"\nkind = "percent"\namount = 10\n'
    result = evaluate(
        firms(tax=[5.0], land_mu=[1.0], value_added=[100.0]),
        scheme(TAX_10, VA_100, THRESHOLDS, GROUP, uplift),
    )
    assert result.frame["total"].item() == 77.0  # (30 + 40) × 1.1
    tax, _ = what_it_would_take(result, "F01").improvements
    assert tax.required_value == pytest.approx((99.995 / 1.1 - 40) / 60 * 10, rel=1e-9)


PERCENTILE = """
[grading]
method = "percentile"
ties = "{ties}"
band_rounding = "{rounding}"
bands = [{{ grade = "A", upto = 20 }}, {{ grade = "B", upto = 80 }}, {{ grade = "C", upto = 100 }}]

[[groups]]
key = "all"
label = "全部"
indicators = {{ tax_per_mu = 100 }}
"""


def _ranked(ties: str = "favourable", rounding: str = "half_up", size: int = 5) -> object:
    totals = [1.0, 0.9, 0.8, 0.7, 0.6][:size]  # benchmark 1, weight 100 → totals 100, 90, 80, 70, 60
    constant = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 1 }')
    return evaluate(
        firms(tax=totals, land_mu=[1.0] * size),
        scheme(constant, PERCENTILE.format(ties=ties, rounding=rounding)),
    )


@pytest.mark.parametrize(("ties", "goal"), [("favourable", 70.0), ("unfavourable", 70.01)])
def test_percentile_target_is_the_last_place_of_the_better_band(ties: str, goal: float) -> None:
    # 5 firms: A ≤ 1 place, B ≤ 4; F05 (60, C) must reach the 4th best of the others, 70
    outlook = what_it_would_take(_ranked(ties), "F05")  # type: ignore[arg-type]
    assert (outlook.grade, outlook.target_grade, outlook.target_total) == ("C", "B", goal)
    assert outlook.improvements[0].required_value == pytest.approx((goal - 0.005) / 100)


def test_nothing_to_gain() -> None:
    top = what_it_would_take(_ranked(), "F01")  # type: ignore[arg-type]
    assert (top.blocked, top.improvements) == ("top_grade", ())
    empty = what_it_would_take(_ranked(rounding="floor", size=3), "F01")  # type: ignore[arg-type]
    assert (empty.grade, empty.target_grade, empty.blocked) == ("B", "A", "band_empty")  # floor(3 × 20%) = 0
    assert blocked_message("band_empty").msgid.startswith("The better grade holds no firm")


def test_vetoed_and_unscored_firms() -> None:
    veto = """
[inputs.accident]
label = "安全事故"
type = "bool"

[[vetoes]]
key = "accident"
reason = "安全事故"
flag = "accident"
max_grade = "B"
"""
    frame = firms(
        tax=[9.0, 1.0, None],
        land_mu=[1.0, 1.0, 0.0],
        value_added=[100.0, 100.0, 1.0],
        accident=[True, False, False],
    )
    nonpositive = VA_100 + 'nonpositive_denominator = "exclude"\n'
    result = evaluate(frame, scheme(TAX_10, nonpositive, THRESHOLDS, GROUP, veto))
    assert what_it_would_take(result, "F01").blocked == "vetoed"  # 94 points, B; a veto caps it at B
    assert what_it_would_take(result, "F03").blocked == "not_scored"
    with pytest.raises(InputError, match="No enterprise with credit code F09"):
        what_it_would_take(result, "F09")


def test_unusable_benchmark_and_no_effect() -> None:
    ratio = TAX_PER_MU  # Σtax = 0: benchmark 0
    factor = '\n[inputs.factor]\nlabel = "系数"\ntype = "number"\n'
    group = GROUP + 'correction = { column = "factor" }\n'
    frame = firms(tax=[0.0, 0.0], land_mu=[1.0, 1.0], value_added=[100.0, 100.0], factor=[1.0, 0.0])
    result = evaluate(frame, scheme(ratio, VA_100, THRESHOLDS, group, factor))
    tax, va = what_it_would_take(result, "F01").improvements
    assert (tax.blocked, va.blocked) == ("benchmark_invalid", None)
    assert [item.blocked for item in what_it_would_take(result, "F02").improvements] == [
        "benchmark_invalid",
        "no_effect",
    ]


def test_minmax_indicators() -> None:
    minmax = TAX_PER_MU.replace(
        'benchmark = { mode = "ratio_of_sums" }', 'normalisation = "minmax"\nbenchmark = {}'
    )
    group = GROUP.replace("tax_per_mu = 60, va_per_mu = 40", "tax_per_mu = 100")
    grading = THRESHOLDS.replace("min = 100", "min = 80")
    result = evaluate(firms(tax=[10.0, 20.0, 30.0], land_mu=[1.0] * 3), scheme(minmax, grading, group))
    outlook = what_it_would_take(result, "F02")  # 50 points, C; B needs 60, reached from 59.995
    assert (outlook.grade, outlook.target_grade) == ("C", "B")
    assert outlook.improvements[0].required_value == pytest.approx(10 + 0.59995 * 20)  # min 10, max 30


ROUND_TRIP = """
[scoring]
indicator_decimals = 1

[[adjustments]]
key = "bonus"
reason = "加 3 分"
kind = "points"
amount = 3

[[adjustments]]
key = "uplift"
reason = "上浮 5%"
kind = "percent"
amount = 5
"""


@pytest.mark.parametrize("key", ["tax_per_mu", "va_per_mu"])
@pytest.mark.parametrize("grading", ["threshold", "percentile"])
def test_the_rise_found_is_enough_when_the_firm_makes_it(key: str, grading: str) -> None:
    # Published benchmarks, so the other firms' scores stay put when one firm improves.
    percentile = PERCENTILE.format(ties="unfavourable", rounding="half_up").replace(
        "indicators = { tax_per_mu = 100 }",
        'indicators = { tax_per_mu = 60, va_per_mu = 40 }\nrank_within = { column = "park" }',
    )
    chosen = THRESHOLDS + GROUP if grading == "threshold" else percentile
    evaluated = scheme(TAX_10, VA_100, chosen, ROUND_TRIP)
    frame = firms(
        tax=[3.3, 7.7, 9.1, 12.0, 2.0, 4.4],
        land_mu=[1.5, 1.0, 1.0, 1.0, 1.0, 1.0],
        value_added=[77.0, 60.0, 120.0, 130.0, 50.0, 65.0],
        park=["一园"] * 5 + ["二园"],
    )
    result = evaluate(frame, evaluated)
    outlook = what_it_would_take(result, "F01", frame)
    improvement = next(item for item in outlook.improvements if item.indicator == key)
    assert improvement.numerator_rise is not None
    assert improvement.numerator_rise > 0
    column = "tax" if key == "tax_per_mu" else "value_added"
    raised = frame.with_columns(
        (frame[column] + pl.Series([improvement.numerator_rise, 0, 0, 0, 0, 0])).alias(column)
    )
    assert evaluate(raised, evaluated).frame["grade"][0] == outlook.target_grade
    short = frame.with_columns(
        (frame[column] + pl.Series([improvement.numerator_rise * 0.99, 0, 0, 0, 0, 0])).alias(column)
    )
    assert evaluate(short, evaluated).frame["grade"][0] == outlook.grade


def test_a_ratio_rule_is_explained_when_another_group_scores_the_indicator_min_max() -> None:
    groups = """
[[groups]]
key = "big"
label = "规上"
when = [{ column = "scale", eq = "above_scale" }]
indicators = { tax_per_mu = { weight = 60, normalisation = "minmax", benchmark = {} }, va_per_mu = 40 }

[[groups]]
key = "small"
label = "规下"
indicators = { tax_per_mu = 60, va_per_mu = 40 }
"""
    frame = firms(
        tax=[5.0, 3.0, 8.0],
        land_mu=[1.0, 1.0, 1.0],
        value_added=[100.0, 100.0, 100.0],
        scale=["below_scale", "above_scale", "above_scale"],
    )
    result = evaluate(frame, scheme(TAX_10, VA_100, THRESHOLDS, groups))
    # F01 is in the ratio group: 5/10 × 60 + 100/100 × 40 = 70 (B); A needs 100, i.e. a tax score of 59.995
    tax, _va = what_it_would_take(result, "F01").improvements
    assert tax.blocked is None
    assert tax.required_value == pytest.approx(59.995 / 60 * 10)
