"""Ranks, percentile bands, rounding at band edges, ties, thresholds, vetoes and exemptions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gaoxin.evaluation.engine import InputError
from gaoxin.evaluation.engine.rounding import band_counts
from gaoxin.evaluation.engine.scheme import Band, BandRounding
from gaoxin.evaluation.engine.tests.builders import ONE_GROUP, TAX_PER_MU, codes, firms, run, scheme

# Benchmark 1 and weight 100: a firm's total is 100 × its tax per mu, so totals are set directly.
CONSTANT_1 = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 1 }')


def graded(*extra: str, rounding: str = "half_up", ties: str = "favourable") -> object:
    grading = f"""
[grading]
method = "percentile"
band_rounding = "{rounding}"
ties = "{ties}"
bands = [{{ grade = "A", upto = 20 }}, {{ grade = "B", upto = 80 }}, {{ grade = "C", upto = 95 }}, {{ grade = "D", upto = 100 }}]
"""
    return scheme(CONSTANT_1, grading, ONE_GROUP, "indicators = { tax_per_mu = 100 }", *extra)


def grades_of(totals: list[float], evaluated: object, **columns: list[object]) -> list[str | None]:
    frame = firms(tax=[total / 100 for total in totals], land_mu=[1.0] * len(totals), **columns)
    rows = run(frame, evaluated)  # type: ignore[arg-type]
    return [rows[f"F{number:02d}"]["grade"] for number in range(1, len(totals) + 1)]  # type: ignore[misc]


TEN = [float(100 - number) for number in range(10)]  # 100, 99, …, 91


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        # 10 firms: A ≤ 10×20% = 2; B ≤ 8; C ≤ 9.5, which rounds to 10 (half up), 9 (floor) or 10 (ceil)
        ("half_up", "AABBBBBBCC"),
        ("floor", "AABBBBBBCD"),
        ("ceil", "AABBBBBBCC"),
    ],
)
def test_band_edges_round_as_the_scheme_says(rounding: str, expected: str) -> None:
    assert "".join(grades_of(TEN, graded(rounding=rounding))) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rounding", "counts"),
    [("half_up", (1, 2, 3, 3)), ("floor", (0, 2, 2, 3)), ("ceil", (1, 3, 3, 3))],
)
def test_band_counts_for_three_firms(rounding: str, counts: tuple[int, ...]) -> None:
    # 3 × 20% = 0.6, 3 × 80% = 2.4, 3 × 95% = 2.85
    bands = [
        Band(grade, upto=Fraction(upto)) for grade, upto in (("A", 20), ("B", 80), ("C", 95), ("D", 100))
    ]
    assert band_counts(3, bands, BandRounding(rounding)) == counts


def test_equal_totals_share_rank_and_the_better_grade_when_favourable() -> None:
    rows = run(firms(tax=[1.0, 1.0, 0.9, 0.8, 0.7], land_mu=[1.0] * 5), graded())  # type: ignore[arg-type]
    # 5 firms: A ≤ 1 place; the two 100s share rank 1 and both get A
    assert [rows[code]["rank"] for code in ("F01", "F02", "F03", "F04", "F05")] == [1, 1, 3, 4, 5]
    assert [rows[code]["grade"] for code in ("F01", "F02", "F03", "F04", "F05")] == ["A", "A", "B", "B", "C"]
    assert [rows[code]["top_percent"] for code in ("F01", "F03", "F05")] == [20.0, 60.0, 100.0]


def test_equal_totals_share_the_worse_grade_when_unfavourable() -> None:
    grades = grades_of([100.0, 100.0, 90.0, 80.0, 70.0], graded(ties="unfavourable"))
    assert grades == ["B", "B", "B", "B", "C"]  # the tied block's worst place is 2 > 1: no A at all


def test_threshold_grading() -> None:
    thresholds = """
[grading]
method = "threshold"
bands = [{ grade = "A", min = 120 }, { grade = "B", min = 80 }, { grade = "C", min = 50 }, { grade = "D" }]
"""
    evaluated = scheme(CONSTANT_1, thresholds, ONE_GROUP, "indicators = { tax_per_mu = 100 }")
    assert grades_of([120.0, 119.99, 80.0, 50.0, 49.99, -3.0], evaluated) == ["A", "B", "B", "C", "D", "D"]


def test_ranking_within_industries() -> None:
    within = 'rank_within = { column = "industry_code", prefix = 2 }'
    industries = ["2611", "2612", "2613", "2614", "2615", "3011"]
    rows = run(
        firms(tax=[1.0, 0.9, 0.8, 0.7, 0.6, 0.1], land_mu=[1.0] * 6, industry_code=industries),
        graded(within),  # type: ignore[arg-type]
    )
    assert [(row["rank_partition"], row["rank"], row["ranked_count"]) for row in rows.values()][-2:] == [
        ("26", 5, 5),
        ("30", 1, 1),
    ]
    # industry 26, 5 firms: A ≤ 1, B ≤ 4, C ≤ round(4.75) = 5; industry 30 alone: A ≤ 0, B ≤ 1
    assert [row["grade"] for row in rows.values()] == ["A", "B", "B", "B", "C", "B"]


VETOES = """
[inputs.accident]
label = "安全事故"
type = "bool"

[[vetoes]]
key = "accident"
reason = "发生安全生产事故"
flag = "accident"
max_grade = "C"
"""


def test_a_veto_caps_the_grade_and_keeps_the_merit_grade() -> None:
    rows = run(
        firms(tax=[1.0, 0.9, 0.8, 0.7, 0.1], land_mu=[1.0] * 5, accident=[True, False, False, False, True]),
        graded(VETOES),  # type: ignore[arg-type]
    )
    assert (rows["F01"]["grade_merit"], rows["F01"]["grade"]) == ("A", "C")
    assert rows["F01"]["reasons"] == [{"code": "vetoed", "key": "accident", "text": "发生安全生产事故"}]
    assert (rows["F05"]["grade_merit"], rows["F05"]["grade"]) == ("C", "C")  # already no better than C
    assert rows["F02"]["grade"] == "B"  # the vetoed firm keeps its place: nobody moves up into A


def test_a_veto_limited_to_a_group() -> None:
    limited = VETOES.replace('max_grade = "C"', 'max_grade = "D"\ngroups = ["big"]')
    groups = """
[[groups]]
key = "big"
label = "大"
when = [{ column = "land_mu", ge = 5 }]
indicators = { tax_per_mu = 100 }

[[groups]]
key = "small"
label = "小"
indicators = { tax_per_mu = 100 }
"""
    grading = '[grading]\nmethod = "threshold"\nbands = [{ grade = "A", min = 100 }, { grade = "D" }]'
    evaluated = scheme(CONSTANT_1, grading, groups, limited)
    rows = run(firms(tax=[5.0, 1.0], land_mu=[5.0, 1.0], accident=[True, True]), evaluated)
    assert (rows["F01"]["group"], rows["F01"]["grade"]) == ("big", "D")
    assert (rows["F02"]["group"], rows["F02"]["grade"]) == ("small", "A")


EXEMPTIONS = """
[inputs.utility]
label = "公用事业"
type = "bool"

[[exemptions]]
key = "utility"
reason = "公用事业企业不参评"
flag = "utility"

[[exemptions]]
key = "new_firm"
reason = "新办企业按 B 类"
when = [{ column = "registration_date", younger_than_years = 3 }]
grade = "B"
"""


def test_exemptions_take_firms_out_of_benchmarks_and_ranking() -> None:
    evaluated = scheme(
        TAX_PER_MU,
        '[grading]\nmethod = "threshold"\nbands = [{ grade = "A", min = 100 }, { grade = "B", min = 50 }, { grade = "C" }]',
        ONE_GROUP,
        "indicators = { tax_per_mu = 100 }",
        EXEMPTIONS,
    )
    frame = firms(
        tax=[10.0, 30.0, 100.0, 100.0],
        land_mu=[1.0, 1.0, 1.0, 1.0],
        utility=[False, False, True, False],
        registration_date=["2010-05-01", "2022-12-31", "2010-01-01", "2023-01-01"],
    )
    rows = run(frame, evaluated, year=2025)
    # benchmark = (10 + 30) / 2 = 20: the exempt firms' 100s are left out
    assert (rows["F01"]["total"], rows["F02"]["total"]) == (50.0, 150.0)
    assert (rows["F03"]["status"], rows["F03"]["grade"], codes(rows["F03"])) == ("exempt", None, ["exempt"])
    assert (rows["F04"]["status"], rows["F04"]["grade"], rows["F04"]["total"]) == ("exempt", "B", None)
    assert rows["F02"]["status"] == "scored"  # registered 2022-12-31: three full years by the end of 2025
    assert rows["F01"]["ranked_count"] == 2


def test_years_since_registration_need_the_year() -> None:
    evaluated = scheme(
        TAX_PER_MU,
        '[grading]\nmethod = "threshold"\nbands = [{ grade = "A", min = 100 }, { grade = "B" }]',
        ONE_GROUP,
        "indicators = { tax_per_mu = 100 }",
        EXEMPTIONS,
    )
    frame = firms(tax=[10.0], land_mu=[1.0], utility=[False], registration_date=["2024-01-01"])
    with pytest.raises(InputError, match="evaluation year"):
        run(frame, evaluated)
