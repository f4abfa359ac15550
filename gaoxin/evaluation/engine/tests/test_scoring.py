"""Indicator values, benchmarks, scores and totals, on hand-computed fixtures."""

from __future__ import annotations

import math

import polars as pl
import pytest

from gaoxin.evaluation.engine import InputError, evaluate, load_scheme
from gaoxin.evaluation.engine.tests.builders import (
    ABCD,
    ONE_GROUP,
    TAX_PER_MU,
    VA_PER_MU,
    codes,
    firms,
    run,
    scheme,
    tax_only,
)

SHIPPED = "gaoxin/evaluation/schemes/"


def six_indicator_firms() -> pl.DataFrame:
    # Equal denominators; X is exactly at every ratio-of-sums benchmark, Y at half, Z at one and a half:
    # tax/land 20, va/land 100, va/energy 4, va/emissions 50, va/employees 20, rd/main_revenue 0.05.
    return firms(
        ["X", "Y", "Z"],
        scale=["above_scale"] * 3,
        tax=[20.0, 10.0, 30.0],
        land_mu=[1.0, 1.0, 1.0],
        value_added=[100.0, 50.0, 150.0],
        energy_tce=[25.0, 25.0, 25.0],
        emissions_t=[2.0, 2.0, 2.0],
        employees=[5.0, 5.0, 5.0],
        main_revenue=[2000.0, 2000.0, 2000.0],
        rd_expense=[100.0, 50.0, 150.0],
        high_tech=[False] * 3,
        safety_accident=[False] * 3,
        environmental_violation=[False] * 3,
        serious_dishonesty=[False] * 3,
        utility=[False] * 3,
    )


def test_a_firm_at_every_benchmark_scores_exactly_100() -> None:
    rows = run(six_indicator_firms(), load_scheme(SHIPPED + "zhejiang_above_scale.toml"))
    x = rows["X"]
    assert [
        x[f"ind_{key}_score"] for key in ("tax_per_mu", "value_added_per_mu", "value_added_per_energy")
    ] == [30.0, 20.0, 20.0]
    assert [
        x[f"ind_{key}_score"] for key in ("value_added_per_emission", "labour_productivity", "rd_intensity")
    ] == [10.0, 10.0, 10.0]
    assert x["total"] == 100.0
    assert (rows["Y"]["total"], rows["Z"]["total"]) == (50.0, 150.0)
    # 3 firms: A covers round(0.6) = 1 place, B round(2.4) = 2, C round(2.85) = 3
    assert [rows[code]["grade"] for code in "ZXY"] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("mode", "benchmark", "score"),
    [
        ("ratio_of_sums", 12.5, 80.0),  # (10+30+20+40) / (1+1+2+4) = 12.5; 10 / 12.5 × 100
        ("mean_of_ratios", 15.0, 66.67),  # (10+30+10+10) / 4 = 15; 10 / 15 × 100 = 66.666…
        ("median", 10.0, 100.0),  # median of 10, 10, 10, 30
    ],
)
def test_computed_benchmarks(mode: str, benchmark: float, score: float) -> None:
    tax = TAX_PER_MU.replace('benchmark = { mode = "ratio_of_sums" }', f'benchmark = {{ mode = "{mode}" }}')
    evaluated = scheme(tax, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    result = evaluate(firms(tax=[10.0, 30.0, 20.0, 40.0], land_mu=[1.0, 1.0, 2.0, 4.0]), evaluated)
    assert result.benchmarks.row(0, named=True) | {"benchmark": benchmark} == result.benchmarks.row(
        0, named=True
    )
    assert result.benchmarks["firms"].to_list() == [4]
    assert result.frame.filter(pl.col("credit_code") == "F01")["total"].item() == score


def test_benchmark_decimals_round_half_up_as_published() -> None:
    evaluated = tax_only().groups[0].indicators[0].benchmark
    assert evaluated.decimals is None
    rounded = scheme(
        TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "ratio_of_sums", decimals = 1 }'),
        ABCD,
        ONE_GROUP,
        "indicators = { tax_per_mu = 100 }",
    )
    # Σtax / Σland = 49 / 4 = 12.25 → 12.3 (half up); 12.3 / 12.3 × 100 = 100 for the firm at 12.3
    result = evaluate(firms(tax=[12.3, 36.7], land_mu=[1.0, 3.0]), rounded)
    assert result.benchmarks["benchmark"].to_list() == [12.3]
    assert result.frame["total"].to_list() == [100.0, pytest.approx(12.2333 / 12.3 * 100, abs=0.005)]


def test_constant_benchmark_per_industry_with_default() -> None:
    constant = TAX_PER_MU.replace(
        '{ mode = "ratio_of_sums" }',
        '{ mode = "constant", value = 10, values = { "26" = 20 }, by = { column = "industry_code", prefix = 2 } }',
    )
    evaluated = scheme(constant, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    rows = run(
        firms(tax=[10.0, 10.0, 10.0], land_mu=[1.0, 1.0, 1.0], industry_code=["2611", "3011", None]),
        evaluated,
    )
    assert [rows[code]["ind_tax_per_mu_benchmark"] for code in ("F01", "F02", "F03")] == [20.0, 10.0, 10.0]
    assert [rows[code]["total"] for code in ("F01", "F02", "F03")] == [50.0, 100.0, 100.0]


def test_computed_benchmark_per_industry_falls_back_below_min_firms() -> None:
    by_industry = TAX_PER_MU.replace(
        '{ mode = "ratio_of_sums" }',
        '{ mode = "ratio_of_sums", by = { column = "industry_code", prefix = 2 }, min_firms = 2 }',
    )
    evaluated = scheme(by_industry, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    frame = firms(tax=[10.0, 30.0, 20.0], land_mu=[1.0, 1.0, 2.0], industry_code=["2611", "2612", "3011"])
    result = evaluate(frame, evaluated)
    table = {
        row["partition"]: (row["benchmark"], row["firms"]) for row in result.benchmarks.iter_rows(named=True)
    }
    # group-wide 60 / 4 = 15; industry 26: 40 / 2 = 20; industry 30 alone: 10 but below min_firms
    assert table == {None: (15.0, 3), "26": (20.0, 2), "30": (10.0, 1)}
    totals = dict(result.frame.select("credit_code", "total").iter_rows())
    assert totals == {"F01": 50.0, "F02": 150.0, "F03": 66.67}


def _prior_scheme(extra: str = "") -> str:
    return TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "prior"' + extra + " }")


def test_prior_year_benchmark_is_used() -> None:
    evaluated = scheme(_prior_scheme(), ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    prior = pl.DataFrame(
        {"group": ["all"], "indicator": ["tax_per_mu"], "partition": [None], "benchmark": [25.0]}
    )
    result = evaluate(firms(tax=[10.0], land_mu=[1.0]), evaluated, prior)
    assert result.frame["total"].to_list() == [40.0]
    assert result.benchmarks.select("mode", "benchmark", "firms").row(0) == ("prior", 25.0, None)


def test_prior_year_benchmark_missing_needs_a_fallback() -> None:
    evaluated = scheme(_prior_scheme(), ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    with pytest.raises(InputError, match="lack group all, indicator tax_per_mu"):
        evaluate(firms(tax=[10.0], land_mu=[1.0]), evaluated)
    fallback = scheme(
        _prior_scheme(', fallback = "ratio_of_sums"'), ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }"
    )
    result = evaluate(firms(tax=[10.0, 30.0], land_mu=[1.0, 1.0]), fallback)
    assert result.frame["total"].to_list() == [50.0, 150.0]


def test_prior_year_benchmark_per_industry() -> None:
    text = _prior_scheme(', by = { column = "industry_code", prefix = 2 }')
    evaluated = scheme(text, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    frame = firms(tax=[10.0, 10.0], land_mu=[1.0, 1.0], industry_code=["2611", "3011"])
    partial = pl.DataFrame(
        {"group": ["all"], "indicator": ["tax_per_mu"], "partition": ["26"], "benchmark": [20.0]},
        schema={"group": pl.String, "indicator": pl.String, "partition": pl.String, "benchmark": pl.Float64},
    )
    with pytest.raises(InputError, match="partition 30"):
        evaluate(frame, evaluated, partial)
    whole = pl.concat(
        [partial, partial.with_columns(partition=pl.lit(None, pl.String), benchmark=pl.lit(5.0))]
    )
    assert evaluate(frame, evaluated, whole).frame["total"].to_list() == [50.0, 200.0]
    assert evaluate(frame.head(1), evaluated, partial).frame["total"].to_list() == [50.0]  # every key present


def test_prior_frame_must_have_the_benchmark_columns() -> None:
    evaluated = scheme(_prior_scheme(), ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    with pytest.raises(InputError, match="need the columns"):
        evaluate(firms(tax=[10.0], land_mu=[1.0]), evaluated, pl.DataFrame({"group": ["all"]}))


def test_minmax_normalisation() -> None:
    minmax = TAX_PER_MU.replace(
        'benchmark = { mode = "ratio_of_sums" }', 'normalisation = "minmax"\nbenchmark = {}'
    )
    evaluated = scheme(minmax, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    rows = run(firms(tax=[10.0, 20.0, 30.0], land_mu=[1.0, 1.0, 1.0]), evaluated)
    assert [rows[code]["total"] for code in ("F01", "F02", "F03")] == [0.0, 50.0, 100.0]
    assert (rows["F01"]["ind_tax_per_mu_benchmark"], rows["F01"]["ind_tax_per_mu_minimum"]) == (30.0, 10.0)
    equal = run(firms(tax=[7.0, 7.0], land_mu=[1.0, 1.0]), evaluated)
    assert [row["total"] for row in equal.values()] == [100.0, 100.0]  # nobody is worse than anybody


CONSTANT_10 = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 10 }')


def test_caps_and_floors_in_points_or_weight_multiples() -> None:
    bounded = CONSTANT_10 + "cap = { weight_multiple = 1.5 }\nfloor = { points = 20 }\n"
    evaluated = scheme(bounded, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    rows = run(firms(tax=[30.0, -5.0, 10.0], land_mu=[1.0, 1.0, 1.0]), evaluated)
    assert (rows["F01"]["total"], codes(rows["F01"])) == (150.0, ["capped"])  # 300 capped at 1.5 × 100
    assert (rows["F02"]["total"], codes(rows["F02"])) == (20.0, ["floored"])  # −50 raised to 20
    assert (rows["F03"]["total"], codes(rows["F03"])) == (100.0, [])


# F01, F02 valid (scores 100, 200); F03 land 0 and F04 land −2 (non-positive base); F05 tax missing.
POLICY_FIRMS = {"tax": [10.0, 20.0, 10.0, 10.0, None], "land_mu": [1.0, 1.0, 0.0, -2.0, 1.0]}


@pytest.mark.parametrize(
    ("policy", "score", "reason"),
    [
        ("zero", 0.0, "nonpositive_zero"),
        ("impute", 150.0, "nonpositive_imputed"),  # average of the valid scores 100 and 200
        ("full", 100.0, "nonpositive_full"),  # the weight, without a cap
    ],
)
def test_nonpositive_denominator_policies(policy: str, score: float, reason: str) -> None:
    text = CONSTANT_10 + f'nonpositive_denominator = "{policy}"\n'
    rows = run(firms(**POLICY_FIRMS), scheme(text, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }"))
    for code in ("F03", "F04"):
        assert (rows[code]["total"], codes(rows[code]), rows[code]["ind_tax_per_mu_value"]) == (
            score,
            [reason],
            None,
        )


def test_full_marks_for_a_zero_base_are_the_cap_when_there_is_one() -> None:
    text = CONSTANT_10 + 'nonpositive_denominator = "full"\ncap = { weight_multiple = 2 }\n'
    rows = run(firms(**POLICY_FIRMS), scheme(text, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }"))
    assert rows["F03"]["total"] == 200.0


@pytest.mark.parametrize(
    ("policy", "score", "reason"), [("zero", 0.0, "missing_zero"), ("impute", 150.0, "missing_imputed")]
)
def test_missing_data_policies(policy: str, score: float, reason: str) -> None:
    text = CONSTANT_10 + f'missing = "{policy}"\nnonpositive_denominator = "exclude"\n'
    rows = run(firms(**POLICY_FIRMS), scheme(text, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }"))
    assert (rows["F05"]["total"], codes(rows["F05"])) == (score, [reason])
    assert (rows["F03"]["status"], rows["F03"]["total"], codes(rows["F03"])) == (
        "excluded",
        None,
        ["excluded_nonpositive"],
    )
    assert rows["F05"]["ranked_count"] == 3  # F03 and F04 are not ranked


def test_excluded_firms_count_in_no_benchmark() -> None:
    va = (
        VA_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 100 }')
        + 'missing = "exclude"\n'
    )
    evaluated = scheme(TAX_PER_MU, va, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 50, va_per_mu = 50 }")
    result = evaluate(
        firms(tax=[10.0, 20.0, 40.0], land_mu=[1.0, 1.0, 1.0], value_added=[None, 100.0, 100.0]), evaluated
    )
    assert result.benchmarks.filter(pl.col("indicator") == "tax_per_mu")["benchmark"].item() == 30.0  # 60 / 2
    rows = {row["credit_code"]: row for row in result.frame.iter_rows(named=True)}
    assert (rows["F01"]["status"], codes(rows["F01"])) == ("excluded", ["excluded_missing"])
    assert rows["F02"]["total"] == pytest.approx(20 / 30 * 50 + 50, abs=0.005)


def test_imputation_with_no_valid_firm_gives_zero() -> None:
    text = CONSTANT_10 + 'missing = "impute"\n'
    rows = run(
        firms(tax=[None, None], land_mu=[1.0, 1.0]),
        scheme(text, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }"),
    )
    assert [row["total"] for row in rows.values()] == [0.0, 0.0]


def test_unusable_benchmark_scores_zero_with_a_reason() -> None:
    rows = run(firms(tax=[0.0, 0.0], land_mu=[1.0, 2.0]), tax_only())  # Σtax = 0: benchmark 0
    assert [(row["total"], codes(row)) for row in rows.values()] == [(0.0, ["benchmark_invalid"])] * 2


@pytest.mark.parametrize(
    ("correction", "columns", "totals"),
    [
        ("{ value = 1.1 }", {}, [110.0, 110.0, 110.0]),
        ('{ column = "factor", default = 1.0 }', {"factor": [0.9, None, -1.0]}, [90.0, 100.0, 0.0]),
        (
            '{ column = "industry_code", prefix = 2, values = { "26" = 1.2 }, default = 1.0 }',
            {"industry_code": ["2611", "3011", None]},
            [120.0, 100.0, 100.0],
        ),
    ],
)
def test_correction_factor(correction: str, columns: dict[str, list[object]], totals: list[float]) -> None:
    inputs = '[inputs.factor]\nlabel = "修正系数"\ntype = "number"\n'
    evaluated = scheme(
        inputs,
        CONSTANT_10,
        ABCD,
        ONE_GROUP,
        "indicators = { tax_per_mu = 100 }",
        f"correction = {correction}",
    )
    result = evaluate(firms(tax=[10.0] * 3, land_mu=[1.0] * 3, **columns), evaluated)
    assert result.frame["total"].to_list() == totals


ADJUSTMENTS = """
[inputs.bonus]
label = "加分"
type = "bool"

[inputs.sublets]
label = "转租家数"
type = "number"
min = 0

[[adjustments]]
key = "bonus"
reason = "加 5 分"
kind = "points"
amount = 5
flag = "bonus"

[[adjustments]]
key = "uplift"
reason = "上浮 10%"
kind = "percent"
amount = 10
when = [{ column = "industry_code", starts_with = "26" }]

[[adjustments]]
key = "sublet"
reason = "每转租一家扣 5 分，最多扣 20 分"
kind = "points"
amount = -5
per = "sublets"
min = -20
"""


def test_adjustments_in_points_percent_and_per_unit() -> None:
    evaluated = scheme(CONSTANT_10, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }", ADJUSTMENTS)
    frame = firms(
        tax=[10.0, 10.0, 10.0, 10.0],
        land_mu=[1.0, 1.0, 1.0, 1.0],
        bonus=[True, False, False, None],
        industry_code=["2611", "2611", "3011", None],
        sublets=[0.0, 2.0, 5.0, None],
    )
    rows = run(frame, evaluated)
    assert [rows[code]["adj_bonus"] for code in ("F01", "F02", "F03", "F04")] == [5.0, 0.0, 0.0, 0.0]
    assert [rows[code]["adj_uplift"] for code in ("F01", "F02", "F03", "F04")] == [10.0, 10.0, 0.0, 0.0]
    assert [rows[code]["adj_sublet"] for code in ("F01", "F02", "F03", "F04")] == [0.0, -10.0, -20.0, 0.0]
    assert [rows[code]["total"] for code in ("F01", "F02", "F03", "F04")] == [115.0, 100.0, 80.0, 100.0]
    assert rows["F01"]["reasons"] == [
        {"code": "adjusted", "key": "bonus", "text": "加 5 分"},
        {"code": "adjusted", "key": "uplift", "text": "上浮 10%"},
    ]


def test_adjustments_limited_to_groups() -> None:
    groups = """
[[groups]]
key = "big"
label = "大"
when = [{ column = "land_mu", ge = 3 }]
indicators = { tax_per_mu = 100 }

[[groups]]
key = "small"
label = "小"
indicators = { tax_per_mu = 100 }

[[adjustments]]
key = "bonus"
reason = "加 5 分"
kind = "points"
amount = 5
groups = ["small"]
"""
    rows = run(firms(tax=[30.0, 10.0], land_mu=[3.0, 1.0]), scheme(CONSTANT_10, ABCD, groups))
    assert (rows["F01"]["total"], rows["F02"]["total"]) == (100.0, 105.0)


def test_indicator_scores_rounded_before_summing_when_asked() -> None:
    seventh = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 7 }')
    evaluated = scheme(
        "[scoring]\nindicator_decimals = 2\ndecimals = 1",
        seventh,
        ABCD,
        ONE_GROUP,
        "indicators = { tax_per_mu = 100 }",
    )
    rows = run(firms(tax=[1.0], land_mu=[1.0]), evaluated)
    assert (rows["F01"]["ind_tax_per_mu_score"], rows["F01"]["total"]) == (
        14.29,
        14.3,
    )  # 14.2857… → 14.29 → 14.3


def test_extreme_figures_never_give_nan_or_inf() -> None:
    overflow = firms(tax=[1e308, 1e308, 1e308, math.nan, math.inf], land_mu=[1e-308, 1.0, 1.0, 1.0, 1.0])
    result = evaluate(overflow, tax_only())
    rows = {row["credit_code"]: row for row in result.frame.iter_rows(named=True)}
    assert codes(rows["F01"]) == ["missing_zero"]  # 1e308 / 1e-308 is not finite: treated as missing
    assert codes(rows["F04"]) == ["missing_zero"]  # NaN and inf input are missing data
    assert result.benchmarks["valid"].to_list() == [False]  # Σtax overflows
    assert (rows["F02"]["total"], codes(rows["F02"])) == (0.0, ["benchmark_invalid"])
    tiny = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 1e-300 }')
    huge = run(
        firms(tax=[1e300], land_mu=[1.0]), scheme(tiny, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    )
    assert (huge["F01"]["status"], huge["F01"]["total"], codes(huge["F01"])) == (
        "invalid",
        None,
        ["not_finite"],
    )
    for frame in (result.frame, result.benchmarks):
        floats = [name for name, dtype in frame.schema.items() if dtype == pl.Float64]
        assert (
            not frame.select(pl.any_horizontal(pl.col(floats).is_nan() | pl.col(floats).is_infinite()))
            .to_series()
            .any()
        )


def test_many_indicators_keep_their_reasons_apart() -> None:
    # 12 indicators need more than one 63-bit word to pack each firm's situation
    keys = [f"k{number:02d}" for number in range(12)]
    definitions = "".join(
        f'[indicators.{key}]\nlabel = "指标{key}"\nnumerator = "tax"\ndenominator = "land_mu"\n'
        f'benchmark = {{ mode = "constant", value = 1 }}\ncap = {{ weight_multiple = 1.5 }}\n'
        for key in keys
    )
    weights = ", ".join(f"{key} = 10" for key in keys)
    evaluated = scheme(
        "[scoring]\ntotal_weight = 120", definitions, ABCD, ONE_GROUP, f"indicators = {{ {weights} }}"
    )
    rows = run(firms(tax=[2.0, 1.0], land_mu=[1.0, 1.0]), evaluated)
    assert rows["F01"]["reasons"][-1] == {"code": "capped", "key": "k11", "text": "指标k11"}
    assert [reason["key"] for reason in rows["F01"]["reasons"]] == keys
    assert (rows["F01"]["total"], rows["F02"]["reasons"]) == (180.0, [])
