"""Comparing two evaluations: transition matrix and movers."""

from __future__ import annotations

from gaoxin.evaluation.engine import evaluate
from gaoxin.evaluation.engine.compare import compare
from gaoxin.evaluation.engine.tests.builders import ONE_GROUP, TAX_PER_MU, firms, scheme

CONSTANT = TAX_PER_MU.replace('{ mode = "ratio_of_sums" }', '{ mode = "constant", value = 1 }')


def _graded(minimum_a: int, minimum_b: int) -> object:
    grading = f"""
[grading]
method = "threshold"
bands = [{{ grade = "A", min = {minimum_a} }}, {{ grade = "B", min = {minimum_b} }}, {{ grade = "C" }}]
"""
    return scheme(CONSTANT, grading, ONE_GROUP, "indicators = { tax_per_mu = 100 }")


def test_transition_matrix_and_movers() -> None:
    frame = firms(tax=[1.5, 1.0, 0.5, 0.2], land_mu=[1.0, 1.0, 1.0, 1.0])  # totals 150, 100, 50, 20
    strict = evaluate(frame, _graded(120, 60))  # type: ignore[arg-type]  # A, B, C, C
    lenient = evaluate(frame, _graded(90, 40))  # type: ignore[arg-type]  # A, A, B, C
    comparison = compare(strict, lenient)
    assert comparison.grades == ("A", "B", "C")
    assert comparison.matrix.rows() == [
        ("A", 1, 0, 0, 0),
        ("B", 1, 0, 0, 0),
        ("C", 0, 1, 1, 0),
        ("ungraded", 0, 0, 0, 0),
    ]
    assert comparison.movers.select("credit_code", "grade_a", "grade_b", "change").rows() == [
        ("F02", "B", "A", "up"),
        ("F03", "C", "B", "up"),
    ]
    assert comparison.matrix.columns == ["grade_a", "A", "B", "C", "ungraded"]


def test_firms_entering_and_leaving() -> None:
    first = evaluate(firms(["X", "Y"], tax=[1.5, 0.5], land_mu=[1.0, 1.0]), _graded(120, 60))  # type: ignore[arg-type]
    second = evaluate(firms(["Y", "Z"], tax=[0.1, 1.5], land_mu=[1.0, 1.0]), _graded(120, 60))  # type: ignore[arg-type]
    comparison = compare(first, second)
    assert comparison.movers.select("credit_code", "grade_a", "grade_b", "change").rows() == [
        ("X", "A", None, "out"),
        ("Z", None, "A", "in"),
    ]
    assert comparison.matrix.row(3) == ("ungraded", 1, 0, 0, 0)
    assert comparison.matrix.row(0) == ("A", 0, 0, 0, 1)
    assert comparison.matrix.row(2) == ("C", 0, 0, 1, 0)


def test_a_grade_falls() -> None:
    frame = firms(tax=[1.0], land_mu=[1.0])
    comparison = compare(evaluate(frame, _graded(90, 60)), evaluate(frame, _graded(120, 60)))  # type: ignore[arg-type]
    assert comparison.movers["change"].to_list() == ["down"]
