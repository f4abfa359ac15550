"""Values a scheme or its inputs must not carry: negative counts, infinite numbers, giant or deeply nested text."""

from __future__ import annotations

import pytest

from gaoxin.evaluation.engine import InputError, SchemeError, evaluate, parse_scheme, shipped_scheme
from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.inputs import required_columns
from gaoxin.evaluation.engine.scheme_validation import MAX_SIZES, MAX_TEXT
from gaoxin.evaluation.engine.tests.builders import ABCD, HEAD, ONE_GROUP, TAX_PER_MU, firms

VALID = HEAD + TAX_PER_MU + ABCD + ONE_GROUP + "indicators = { tax_per_mu = 100 }\n"
SUBLET = """
[inputs.sublets]
label = "转租家数"
type = "number"
{bounds}

[[adjustments]]
key = "sublet"
reason = "每转租一家扣 5 分"
kind = "points"
amount = -5
per = "sublets"
"""


def issues(text: str) -> list[str]:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text)
    return [issue.text() for issue in caught.value.issues]


def test_a_negative_count_is_refused_instead_of_turning_a_penalty_into_a_bonus() -> None:
    zone = shipped_scheme("whole_zone")
    types = zone.column_types
    blank = {ColumnType.NUMBER: 1.0, ColumnType.BOOL: False, ColumnType.TEXT: None, ColumnType.DATE: None}
    columns = {name: [blank[types[name]]] * 2 for name in required_columns(zone) if name != "credit_code"}
    columns |= {"scale": ["above_scale"] * 2, "sublet_tenants": [1.0, -3.0]}
    with pytest.raises(InputError) as caught:
        evaluate(firms(["F1", "F2"], **columns), zone)
    (message,) = caught.value.messages
    assert message.params["column"] == "违规转租企业数"
    assert message.params["rows"] == "2"


def test_an_input_within_its_bounds_is_scored() -> None:
    evaluated = parse_scheme(VALID + SUBLET.format(bounds="min = 0\nmax = 50"))
    result = evaluate(firms(tax=[10.0, 10.0], land_mu=[1.0, 1.0], sublets=[0.0, 3.0]), evaluated)
    assert result.frame["adj_sublet"].to_list() == [0.0, -15.0]


def test_an_input_with_only_a_maximum_is_refused_above_it() -> None:
    capped = parse_scheme(
        VALID
        + '\n[inputs.floors]\nlabel = "违规加层数"\ntype = "number"\nmax = 50\n'
        + '\n[[vetoes]]\nkey = "floors"\nreason = "违规加层"\nflag = "floors"\nmax_grade = "C"\n'
    )
    evaluate(firms(tax=[10.0, 10.0], land_mu=[1.0, 1.0], floors=[-3.0, 50.0]), capped)
    with pytest.raises(InputError) as caught:
        evaluate(firms(tax=[10.0, 10.0], land_mu=[1.0, 1.0], floors=[10.0, 60.0]), capped)
    (message,) = caught.value.messages
    assert (message.params["column"], message.params["rows"]) == ("违规加层数", "2")


@pytest.mark.parametrize("bounds", ["", "min = -1"])
def test_a_per_column_that_could_be_negative_is_refused(bounds: str) -> None:
    assert issues(VALID + SUBLET.format(bounds=bounds)) == [
        "adjustments[0].per: per multiplies the amount by sublets, which could be negative: give the input min = 0"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("tax_per_mu = 100", "tax_per_mu = { weight = inf }", "tax_per_mu.weight: must be a finite number"),
        (
            "tax_per_mu = 100",
            "tax_per_mu = { weight = 100, cap = { points = inf } }",
            "cap.points: must be a finite number",
        ),
        (
            "tax_per_mu = 100",
            "tax_per_mu = { weight = 100, cap = { points = nan } }",
            "cap.points: must be a finite number",
        ),
        (
            "tax_per_mu = 100",
            "tax_per_mu = { weight = 100, floor = { points = -inf } }",
            "floor.points: must be a finite number",
        ),
        (
            'version = "1"',
            'version = "1"\n[scoring]\ntotal_weight = ' + "9" * 400,
            "scoring.total_weight: must be a finite number",
        ),
        ('name = "test"', 'name = "' + "名" * 2001 + '"', "name: is longer than 2000 characters"),
    ],
)
def test_numbers_must_be_finite_and_strings_bounded(old: str, new: str, expected: str) -> None:
    found = issues(VALID.replace(old, new, 1))
    assert any(expected in issue for issue in found), found


def test_inf_in_a_condition_is_refused() -> None:
    text = VALID.replace("[[groups]]", '[[groups]]\nwhen = [{ column = "tax", gt = inf }]', 1)
    assert any("does not suit operator gt" in issue for issue in issues(text))


def test_deep_nesting_is_a_clear_refusal_not_a_recursion_error() -> None:
    assert issues(VALID + "x = " + "[" * 5000 + "]" * 5000 + "\n") == [
        "arrays or tables are nested too deeply"
    ]
    assert issues("x = " + "{ a = " * 5000 + "1" + " }" * 5000 + "\n") == [
        "arrays or tables are nested too deeply"
    ]


def test_a_giant_text_is_refused_before_it_is_parsed() -> None:
    text = VALID + "#" * MAX_TEXT
    assert issues(text) == [f"the scheme has {len(text)} characters; at most {MAX_TEXT} are accepted"]


def test_too_many_groups_are_refused() -> None:
    many = VALID + (ONE_GROUP + "indicators = { tax_per_mu = 100 }\n") * MAX_SIZES["groups"]
    assert issues(many) == [f"groups: at most {MAX_SIZES['groups']} entries are accepted"]
