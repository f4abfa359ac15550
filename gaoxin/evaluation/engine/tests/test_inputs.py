"""What the engine accepts as input and what it refuses."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from gaoxin.evaluation.engine import InputError, evaluate
from gaoxin.evaluation.engine.inputs import required_columns
from gaoxin.evaluation.engine.tests.builders import (
    ABCD,
    ONE_GROUP,
    TAX_PER_MU,
    codes,
    firms,
    run,
    scheme,
    tax_only,
)

FLAGS = """
[inputs.accident]
label = "安全事故"
type = "bool"

[inputs.founded]
label = "成立日期"
type = "date"

[[vetoes]]
key = "accident"
reason = "安全事故"
flag = "accident"
max_grade = "D"

[[exemptions]]
key = "new"
reason = "新企业"
when = [{ column = "founded", younger_than_years = 1 }]
"""


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputError, match="lacks columns land_mu"):
        evaluate(firms(tax=[1.0]), tax_only())


def test_repeated_and_missing_credit_codes() -> None:
    with pytest.raises(InputError, match="appear more than once: A"):
        evaluate(firms(["A", "B", "A"], tax=[1.0, 2.0, 3.0], land_mu=[1.0, 1.0, 1.0]), tax_only())
    with pytest.raises(InputError, match="Rows 2 have no credit code"):
        evaluate(firms(["A", None], tax=[1.0, 2.0], land_mu=[1.0, 1.0]), tax_only())  # type: ignore[list-item]


def test_text_that_is_not_a_number_is_refused_with_its_rows() -> None:
    with pytest.raises(InputError, match="Column tax has values that cannot be read in rows 2"):
        evaluate(firms(tax=["1.5", "many", " "], land_mu=[1.0, 1.0, 1.0]), tax_only())


def test_numbers_as_text_and_blanks_are_read() -> None:
    rows = run(firms(tax=["10", " 30 ", ""], land_mu=["1", "1", "1"]), tax_only())
    assert [row["total"] for row in rows.values()] == [50.0, 150.0, 0.0]  # blank tax: missing, scored 0


def test_flags_and_dates_in_their_usual_forms() -> None:
    evaluated = scheme(TAX_PER_MU, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }", FLAGS)
    frame = firms(
        tax=[10.0, 10.0, 10.0, 10.0],
        land_mu=[1.0, 1.0, 1.0, 1.0],
        accident=["是", "否", "", "1"],
        founded=["2020-01-01", "2025-03-01", None, "2019-06-30"],
    )
    rows = run(frame, evaluated, year=2025)
    assert [row["status"] for row in rows.values()] == ["scored", "exempt", "scored", "scored"]
    assert [row["grade"] for row in rows.values()] == ["D", None, "A", "D"]
    numeric = frame.with_columns(
        accident=pl.Series([1, 0, None, 2]), founded=pl.Series([dt.datetime(2020, 1, 1)] * 4)
    )
    assert [row["grade"] for row in run(numeric, evaluated, year=2025).values()] == ["D", "A", "A", "D"]
    with pytest.raises(InputError, match="Column founded has values that cannot be read in rows 1"):
        run(frame.with_columns(founded=pl.lit("last spring")), evaluated, year=2025)


def test_the_scheme_year_is_the_default_evaluation_year() -> None:
    evaluated = scheme("year = 2025", TAX_PER_MU, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }", FLAGS)
    frame = firms(tax=[10.0], land_mu=[1.0], accident=[False], founded=[dt.date(2025, 1, 1)])
    assert run(frame, evaluated)["F01"]["status"] == "exempt"
    assert run(frame, evaluated, year=2027)["F01"]["status"] == "scored"


def test_extra_columns_are_ignored_and_a_name_is_kept() -> None:
    rows = run(firms(tax=[10.0], land_mu=[1.0], name=["甲公司"], colour=["red"]), tax_only())
    assert rows["F01"]["name"] == "甲公司"
    assert "colour" not in rows["F01"]


def test_required_columns_follow_the_scheme() -> None:
    evaluated = scheme(TAX_PER_MU, ABCD, ONE_GROUP, "indicators = { tax_per_mu = 100 }", FLAGS)
    assert set(required_columns(evaluated)) == {"credit_code", "tax", "land_mu", "founded", "accident"}


def test_no_rows() -> None:
    result = evaluate(firms(tax=[], land_mu=[]), tax_only())
    assert result.frame.height == 0
    assert result.benchmarks["valid"].to_list() == [False]


def test_reasons_of_a_plain_firm_are_empty() -> None:
    assert codes(run(firms(tax=[1.0], land_mu=[1.0]), tax_only())["F01"]) == []
