"""Properties that hold for any data: monotonicity, order independence, band sizes, finiteness."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from gaoxin.evaluation.engine import Scheme, evaluate, load_scheme
from gaoxin.evaluation.engine.rounding import band_counts
from gaoxin.evaluation.engine.scheme import Band, BandRounding
from gaoxin.evaluation.engine.tests.builders import ONE_GROUP, TAX_PER_MU, scheme

SCHEMES = "gaoxin/evaluation/schemes/"
ZONE = load_scheme(SCHEMES + "whole_zone.toml")
ABOVE = load_scheme(SCHEMES + "zhejiang_above_scale.toml")
NUMBERS = (
    "tax",
    "revenue",
    "main_revenue",
    "value_added",
    "energy_tce",
    "electricity_10k_kwh",
    "emissions_t",
    "rd_expense",
    "employees",
    "land_mu",
)
FLAGS = (
    "high_tech",
    "safety_accident",
    "environmental_violation",
    "serious_dishonesty",
    "utility",
    "construction_period",
)
FAST = settings(max_examples=40, deadline=None)

# Amounts as the registry stores them: four decimal places (so 0.0001 亩 is the smallest positive area). Tinier
# floats such as 5e-324 make a ratio overflow to inf, which the engine treats as missing; ``extreme`` below checks
# that such input still never produces NaN or inf.
amounts = st.one_of(st.none(), st.just(0.0), st.integers(-500_000, 100_000_000).map(lambda n: n / 10_000))
extreme = st.one_of(
    amounts, st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 5e-324, 1e-300])
)


@st.composite
def zone(draw: st.DrawFn, numbers: st.SearchStrategy[float | None] = amounts, size: int = 25) -> pl.DataFrame:
    count = draw(st.integers(1, size))
    codes = draw(
        st.lists(st.text("0123456789AB", min_size=1, max_size=3), min_size=count, max_size=count, unique=True)
    )
    column = {name: draw(st.lists(numbers, min_size=count, max_size=count)) for name in NUMBERS}
    flags = {name: draw(st.lists(st.booleans(), min_size=count, max_size=count)) for name in FLAGS}
    return pl.DataFrame(
        {
            "credit_code": codes,
            "scale": draw(
                st.lists(
                    st.sampled_from(["above_scale", "below_scale", None]), min_size=count, max_size=count
                )
            ),
            "industry_code": draw(
                st.lists(st.sampled_from(["2611", "2612", "3011", None]), min_size=count, max_size=count)
            ),
            "lessor_credit_code": draw(
                st.lists(st.sampled_from([None, "NOPE", *codes]), min_size=count, max_size=count)
            ),
            "sublet_tenants": draw(
                st.lists(st.sampled_from([None, 0.0, 1.0, 5.0]), min_size=count, max_size=count)
            ),
            **column,
            **flags,
        },
        schema_overrides=dict.fromkeys(NUMBERS, pl.Float64),
    )


@FAST
@given(frame=zone(), data=st.data())
def test_row_order_never_matters(frame: pl.DataFrame, data: st.DataObject) -> None:
    order = data.draw(st.permutations(list(range(frame.height))))
    first, second = evaluate(frame, ZONE), evaluate(frame[order], ZONE)
    assert_frame_equal(first.frame, second.frame)
    assert_frame_equal(first.benchmarks, second.benchmarks)


@FAST
@given(frame=zone(numbers=extreme))
def test_no_nan_or_inf_for_any_input(frame: pl.DataFrame) -> None:
    for evaluated in (ZONE, ABOVE):
        result = evaluate(frame, evaluated)
        for table in (result.frame, result.benchmarks):
            floats = [name for name, dtype in table.schema.items() if dtype == pl.Float64]
            bad = table.select(pl.any_horizontal(pl.col(floats).is_nan() | pl.col(floats).is_infinite()))
            assert not bad.to_series().fill_null(False).any()


def _unrounded(evaluated: Scheme) -> Scheme:
    """The scheme with benchmarks at full precision.

    With benchmarks rounded to published decimals, a tiny rise can push the rounded benchmark up a step
    and cost the firm a fraction of a point, so monotonicity is a property of the unrounded method.
    """
    groups = tuple(
        dataclasses.replace(
            group,
            indicators=tuple(
                dataclasses.replace(rule, benchmark=dataclasses.replace(rule.benchmark, decimals=None))
                for rule in group.indicators
            ),
        )
        for group in evaluated.groups
    )
    return dataclasses.replace(evaluated, groups=groups)


UNROUNDED = _unrounded(ABOVE)
taxes = st.one_of(st.none(), st.just(0.0), st.floats(0, 1e4))  # a negative Σtax voids the benchmark for all


@FAST
@given(frame=zone(), data=st.data())
def test_raising_one_firms_tax_never_lowers_its_score_or_grade(
    frame: pl.DataFrame, data: st.DataObject
) -> None:
    frame = frame.with_columns(
        scale=pl.lit("above_scale"),
        tax=pl.Series(
            data.draw(st.lists(taxes, min_size=frame.height, max_size=frame.height)), dtype=pl.Float64
        ),
    )
    before = evaluate(frame, UNROUNDED).frame
    scored = before.filter(
        (pl.col("status") == "scored")
        & pl.col("credit_code").is_in(frame.filter(pl.col("tax").is_not_null())["credit_code"].to_list())
    )
    if scored.height == 0:
        return
    code = data.draw(st.sampled_from(scored["credit_code"].to_list()))
    rise = data.draw(st.floats(1, 1e4))
    raised = frame.with_columns(
        tax=pl.when(pl.col("credit_code") == code).then(pl.col("tax") + rise).otherwise(pl.col("tax"))
    )
    after = evaluate(raised, UNROUNDED).frame
    old, new = (table.filter(pl.col("credit_code") == code).row(0, named=True) for table in (before, after))
    assert new["total"] >= old["total"]
    assert ABOVE.grades.index(new["grade"]) <= ABOVE.grades.index(old["grade"])


@st.composite
def bands(draw: st.DrawFn) -> list[Fraction]:
    cuts = draw(st.lists(st.integers(1, 199), min_size=1, max_size=5, unique=True))
    return [Fraction(cut, 2) for cut in sorted(cuts)] + [Fraction(100)]


@FAST
@given(shares=bands(), rounding=st.sampled_from(list(BandRounding)), size=st.integers(1, 60))
def test_band_sizes_match_the_scheme_within_its_rounding(
    shares: list[Fraction], rounding: BandRounding, size: int
) -> None:
    grades = [f"G{number}" for number in range(len(shares))]
    listed = ", ".join(
        f'{{ grade = "{grade}", upto = {float(share)} }}' for grade, share in zip(grades, shares, strict=True)
    )
    grading = f'[grading]\nmethod = "percentile"\nband_rounding = "{rounding.value}"\nbands = [{listed}]\n'
    constant = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 1 }')
    evaluated = scheme(constant, grading, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    frame = pl.DataFrame(
        {
            "credit_code": [f"F{n:03d}" for n in range(size)],
            "tax": [float(n) for n in range(size)],
            "land_mu": [1.0] * size,
        }
    )
    counted = evaluate(frame, evaluated).frame["grade"].value_counts()
    sizes = dict(counted.iter_rows())
    limits = band_counts(
        size, [Band(grade, upto=share) for grade, share in zip(grades, shares, strict=True)], rounding
    )
    expected = [limit - previous for previous, limit in zip((0, *limits), limits, strict=False)]
    assert [sizes.get(grade, 0) for grade in grades] == expected
    # and the rounding is as stated: each cumulative count is n × upto ÷ 100 rounded
    exact = [size * share / 100 for share in shares]
    assert all(abs(limit - value) < 1 for limit, value in zip(limits, exact, strict=True))
