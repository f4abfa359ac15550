"""Scheme files: the shipped ones load; mistakes are reported with their TOML path."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from gaoxin.core.messages import Message
from gaoxin.evaluation.engine import SchemeError, load_scheme, parse_scheme, scheme_from_dict, shipped_scheme
from gaoxin.evaluation.engine.scheme import BenchmarkMode, GradingMethod, LeasedRule, Policy
from gaoxin.evaluation.engine.tests.builders import ABCD, HEAD, ONE_GROUP, TAX_PER_MU, VA_PER_MU
from gaoxin.evaluation.engine.toml_errors import toml_problem

SCHEMES = Path(__file__).resolve().parents[2] / "schemes"


def test_the_shipped_schemes_load() -> None:
    above = load_scheme(SCHEMES / "zhejiang_above_scale.toml")
    assert [rule.weight for rule in above.groups[0].indicators] == [30, 20, 20, 10, 10, 10]
    assert {rule.benchmark.mode for rule in above.groups[0].indicators} == {BenchmarkMode.RATIO_OF_SUMS}
    assert above.groups[0].indicators[3].missing is Policy.IMPUTE  # emissions
    assert [float(band.upto or 0) for band in above.groups[0].grading.bands] == [20, 80, 95, 100]
    below = shipped_scheme("below_scale")
    assert [group.grading.method for group in below.groups] == [
        GradingMethod.PERCENTILE,
        GradingMethod.THRESHOLD,
    ]
    zone = load_scheme(SCHEMES / "whole_zone.toml")
    assert [group.key for group in zone.groups] == [
        "above_scale",
        "below_scale_large",
        "below_scale_small",
        "leased",
        "no_own_land",
    ]
    assert zone.leased is not None
    assert zone.leased.rule is LeasedRule.OWN_GROUP


def problems(text: str) -> list[str]:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text)
    return [issue.text() for issue in caught.value.issues]


VALID = HEAD + TAX_PER_MU + ABCD + ONE_GROUP + "indicators = { tax_per_mu = 100 }\n"


def test_a_valid_scheme_has_no_problem() -> None:
    assert parse_scheme(VALID).groups[0].indicators[0].weight == 100


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('name = "test"', 'name = "test"\ncolour = "red"', "colour: unknown field"),
        ('name = "test"\n', "", "name: is required"),
        (
            'numerator = "tax"',
            'numerator = "taxes"',
            "indicators.tax_per_mu.numerator: unknown glossary field taxes",
        ),
        (
            "tax_per_mu = 100 }",
            "tax_per_mu = 90 }",
            "groups[0].indicators: weights add up to 90.0, not the declared total_weight 100.0",
        ),
        (
            "tax_per_mu = 100 }",
            "tax_per_mu = { weight = 100, wieght = 1 } }",
            "groups[0].indicators.tax_per_mu.wieght: unknown field",
        ),
        ("tax_per_mu = 100 }", "tax_per_mu = 100, va = 0 }", "groups[0].indicators.va: unknown field"),
        ("upto = 80 }", "upto = 15 }", "grading.bands[1].upto: bands overlap or exceed 100"),
        ("upto = 100 }", "upto = 99 }", "grading.bands[3]: the last band must reach upto = 100"),
        (
            'method = "percentile"',
            'method = "ranking"',
            "grading.method: must be one of percentile, threshold",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "constant" }',
            "indicators.tax_per_mu.benchmark.value: is required",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "ratio_of_sums", value = 3 }',
            "benchmark.value: only allowed with mode = constant",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "median", fallback = "median" }',
            "benchmark.fallback: only for mode = prior",
        ),
        ('{ mode = "ratio_of_sums" }', "{}", "indicators.tax_per_mu.benchmark.mode: is required"),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "ratio_of_sums", min_firms = 3 }',
            "min_firms: only meaningful",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "constant", value = 5, values = { "26" = 6 } }',
            "values per key need by",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "constant", value = 5, by = { column = "industry_code" } }',
            "a constant benchmark per key needs values",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "mean_of_ratios", by = { column = "land_mu" } }',
            "a partition key must be a text column",
        ),
        (
            '{ mode = "ratio_of_sums" }',
            '{ mode = "ratio_of_sums", decimals = 11 }',
            "benchmark.decimals: must be a whole number from 0 to 10",
        ),
        (
            'unit = "万元/亩"',
            'unit = "万元/亩"\nnormalisation = "minmax"',
            "benchmark.mode: min–max normalisation takes no benchmark mode",
        ),
        (
            'unit = "万元/亩"',
            'unit = "万元/亩"\ncap = { points = 10, weight_multiple = 2 }',
            "cap: give exactly one of weight_multiple or points",
        ),
        ('unit = "万元/亩"', 'unit = "万元/亩"\ncap = { points = "ten" }', "cap.points: must be a number"),
        ('unit = "万元/亩"', 'unit = "万元/亩"\ncap = { points = 0 }', "cap: the cap must be above 0 points"),
        (
            'unit = "万元/亩"',
            'unit = "万元/亩"\ncap = { points = 50 }\nfloor = { points = 60 }',
            "floor: the floor must be below the cap",
        ),
        (
            'unit = "万元/亩"',
            'unit = "万元/亩"\nmissing = "full"',
            "missing: missing data cannot earn full marks",
        ),
        (
            'unit = "万元/亩"',
            'unit = "万元/亩"\nmissing = "skip"',
            "missing: must be one of zero, impute, exclude, full",
        ),
        (
            'label = "全部"',
            'label = "全部"\nwhen = [{ column = "colour", eq = "red" }]',
            "groups[0].when[0].column: unknown column colour",
        ),
        (
            'label = "全部"',
            'label = "全部"\nwhen = [{ column = "scale", lt = 3 }]',
            "groups[0].when[0].lt: this operand does not suit operator lt on a text column",
        ),
        (
            'label = "全部"',
            'label = "全部"\nwhen = [{ column = "land_mu", lt = 3, gt = 1 }]',
            "groups[0].when[0]: give exactly one operator",
        ),
        (
            'label = "全部"',
            'label = "全部"\nwhen = "everyone"',
            "groups[0].when: must be an array of conditions",
        ),
        (
            'label = "全部"',
            'label = "全部"\nwhen = [{ column = "land_mu", in = [] }]',
            "operator in on a number column",
        ),
        ('key = "all"', 'key = "All firms"', "groups[0].key: keys must be lower-case letters"),
        ('key = "all"', "", "groups[0].key: is required"),
        (
            'label = "全部"',
            'label = "全部"\nrank_within = { column = "industry_code", prefix = 0 }',
            "rank_within.prefix: must be a whole number from 1 to 20",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { value = -1 }',
            "groups[0].correction.value: must be greater than 0",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { value = 1, prefix = 2 }',
            "correction.prefix: only allowed together with column",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "land_mu", value = 1 }',
            "correction.value: with column, give the default instead",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "scale" }',
            "without values, the column must be a number",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "scale", prefix = 2 }',
            "correction.prefix: only allowed together with values",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "land_mu", values = { "26" = 1.1 } }',
            "with values, the column must be text",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "industry_code", values = { "26" = 0 } }',
            "correction.values.26: must be greater than 0",
        ),
        (
            'label = "全部"',
            'label = "全部"\ncorrection = { column = "industry_code", values = 3 }',
            "correction.values: must be a table",
        ),
    ],
)
def test_mistakes_are_named_by_their_path(old: str, new: str, expected: str) -> None:
    assert old in VALID
    found = problems(VALID.replace(old, new, 1))
    assert any(expected in problem for problem in found), found


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        VALID.replace('numerator = "tax"', 'numerator = "taxes"').replace("upto = 100 }", "upto = 99 }")
    )
    assert len(found) == 2


def test_not_toml() -> None:
    assert problems("name = ")[0].startswith("not valid TOML")


def test_a_toml_problem_without_a_known_wording_is_kept_as_it_is() -> None:
    assert toml_problem("Something new") == Message(
        "not valid TOML: %(problem)s", {"problem": "Something new"}
    )


RULES = (
    HEAD
    + TAX_PER_MU
    + ABCD
    + ONE_GROUP
    + """indicators = { tax_per_mu = 100 }

[inputs.accident]
label = "安全事故"
type = "bool"

[inputs.note]
label = "备注"
type = "text"

[[vetoes]]
key = "accident"
reason = "安全事故"
flag = "accident"
max_grade = "C"

[[exemptions]]
key = "utility"
reason = "公用事业"
when = [{ column = "industry_code", starts_with = "44" }]

[[adjustments]]
key = "bonus"
reason = "加分"
kind = "points"
amount = 5
"""
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'max_grade = "C"',
            'max_grade = "E"',
            "vetoes[0].max_grade: unknown grade; expected one of A, B, C, D",
        ),
        ('flag = "accident"\n', "", "vetoes[0]: give flag or when"),
        (
            'flag = "accident"',
            'flag = "accident"\nwhen = []',
            "vetoes[0]: give either flag or when, not both",
        ),
        (
            'flag = "accident"',
            'flag = "note"',
            "vetoes[0].flag: a flag column must be of type bool or number",
        ),
        ('flag = "accident"', 'flag = "fire"', "vetoes[0].flag: unknown column fire"),
        ('max_grade = "C"', 'max_grade = "C"\ngroups = ["nobody"]', "vetoes[0].groups: unknown group nobody"),
        (
            'max_grade = "C"',
            'max_grade = "C"\ngroups = "all"',
            "vetoes[0].groups: must be an array of strings",
        ),
        ('reason = "公用事业"', 'reason = "公用事业"\ngrade = "Z"', "exemptions[0].grade: unknown grade"),
        ("amount = 5", 'amount = 5\nper = "note"', "adjustments[0].per: per must name a number column"),
        ("amount = 5", "amount = 5\nmin = 3\nmax = 1", "adjustments[0].min: min must not exceed max"),
        ('kind = "points"', 'kind = "euros"', "adjustments[0].kind: must be one of points, percent"),
        ('type = "text"', 'type = "colour"', "inputs.note.type: must be one of number, text, bool, date"),
        ("[inputs.note]", "[inputs.tax]", "inputs.tax: tax is a glossary column already"),
        ('type = "text"', 'type = "text"\nmin = 1', "inputs.note: only a number input takes min and max"),
        ('type = "text"', 'type = "number"\nmin = 3\nmax = 1', "inputs.note.min: min must not exceed max"),
        ('starts_with = "44"', "younger_than_years = 3", "operator younger_than_years on a text column"),
    ],
)
def test_rule_mistakes(old: str, new: str, expected: str) -> None:
    assert old in RULES
    found = problems(RULES.replace(old, new, 1))
    assert any(expected in problem for problem in found), found


def test_rule_keys_are_unique_per_list() -> None:
    shared = parse_scheme(
        RULES.replace('key = "utility"', 'key = "accident"').replace('key = "bonus"', 'key = "accident"')
    )
    assert [rule.key for rule in (*shared.vetoes, *shared.exemptions, *shared.adjustments)] == [
        "accident"
    ] * 3
    doubled = RULES + '\n[[vetoes]]\nkey = "accident"\nreason = "再次"\nflag = "accident"\nmax_grade = "D"\n'
    assert "vetoes[1].key: key accident is used twice" in problems(doubled)


TWO_GROUPS = (
    HEAD
    + TAX_PER_MU
    + VA_PER_MU
    + ABCD
    + """
[[groups]]
key = "first"
label = "一"
when = [{ column = "land_mu", ge = 3 }]
indicators = { tax_per_mu = 100 }

[[groups]]
key = "second"
label = "二"
indicators = { va_per_mu = 100 }
"""
)


def test_group_mistakes() -> None:
    assert "groups[1].key: group first is defined twice" in problems(
        TWO_GROUPS.replace('key = "second"', 'key = "first"')
    )
    unreachable = (
        TWO_GROUPS.replace('when = [{ column = "land_mu", ge = 3 }]\n', "")
        + '\n[[groups]]\nkey = "third"\nlabel = "三"\nindicators = { va_per_mu = 100 }\n'
    )
    assert "groups[1]: unreachable: the earlier group first takes every firm" in problems(unreachable)
    thresholds = (
        '\n[groups.grading]\nmethod = "threshold"\nbands = [{ grade = "X", min = 1 }, { grade = "Y" }]\n'
    )
    assert any("every group must grade with the same grades" in p for p in problems(TWO_GROUPS + thresholds))
    no_grading = TWO_GROUPS.replace(ABCD, "")
    assert "groups[0]: no grading: give [grading] for the scheme or a grading for the group" in problems(
        no_grading
    )
    assert "groups: define at least one group as [[groups]]" in problems(HEAD + TAX_PER_MU + ABCD)
    assert "indicators: define at least one indicator as [indicators.KEY]" in problems(
        HEAD + ABCD + ONE_GROUP + "indicators = {}"
    )
    assert "groups[0].indicators: give the group at least one indicator" in problems(
        HEAD + TAX_PER_MU + ABCD + ONE_GROUP + "indicators = {}"
    )


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        (
            '[{ grade = "A", min = 50 }, { grade = "B", min = 60 }, { grade = "C" }]',
            "bands[1].min: thresholds must descend",
        ),
        (
            '[{ grade = "A", min = 50 }, { grade = "B", min = 10 }]',
            "bands[1].min: the last band takes every lower score: leave out min",
        ),
        (
            '[{ grade = "A", min = 50 }, { grade = "A" }]',
            "grading.bands: a grade appears in more than one band",
        ),
        ('[{ grade = "A" }, { grade = "B" }]', "grading.bands[0].min: is required"),
        ("[]", "grading.bands: give at least one band"),
        ('["A", { grade = "B" }]', "grading.bands[0]: must be a table"),
        ('[{ min = 50 }, { grade = "B" }]', "grading.bands[0].grade: is required"),
    ],
)
def test_threshold_mistakes(bands: str, expected: str) -> None:
    grading = f'[grading]\nmethod = "threshold"\nbands = {bands}\n'
    found = problems(HEAD + TAX_PER_MU + grading + ONE_GROUP + "indicators = { tax_per_mu = 100 }")
    assert any(expected in problem for problem in found), found


def test_threshold_grading_takes_no_band_rounding() -> None:
    grading = '[grading]\nmethod = "threshold"\nties = "favourable"\nbands = [{ grade = "A" }]\n'
    assert "grading.ties: only meaningful for percentile grading" in problems(
        HEAD + TAX_PER_MU + grading + ONE_GROUP + "indicators = { tax_per_mu = 100 }"
    )


@pytest.mark.parametrize(
    ("leased", "expected"),
    [
        ('rule = "own_group"', "leased.group: rule own_group needs the group for leased firms"),
        ('rule = "follow_lessor"\ngroup = "second"', "leased.group: only rule own_group takes a group"),
        ('rule = "own_group"\ngroup = "third"', "leased.group: unknown group third"),
        ('rule = "own_group"\ngroup = "first"', "groups[0].when: a group for leased firms takes no when"),
        ('rule = "rent"', "leased.rule: must be one of own_group, merge_with_lessor, follow_lessor"),
    ],
)
def test_leased_mistakes(leased: str, expected: str) -> None:
    found = problems(TWO_GROUPS + f"\n[leased]\n{leased}\n")
    assert expected in found, found


def test_a_scheme_level_total_weight() -> None:
    text = VALID.replace(
        'version = "1"', 'version = "1"\n[scoring]\ntotal_weight = 50\ndecimals = 1'
    ).replace("tax_per_mu = 100 }", "tax_per_mu = 50 }")
    assert (parse_scheme(text).total_weight, parse_scheme(text).decimals) == (50.0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VALID.replace('version = "1"', "version = 1"), "version: must be a non-empty string"),
        (
            VALID.replace('version = "1"', 'version = "1"\nyear = "2025"'),
            "year: must be a whole number from 1990 to 2200",
        ),
        (VALID.replace('version = "1"', 'version = "1"\nscoring = 3'), "scoring: must be a table"),
        (
            VALID.replace('version = "1"', 'version = "1"\ngroups = 3').replace("[[groups]]", "[[more]]"),
            "groups: must be an array of tables",
        ),
        (VALID.replace('version = "1"', 'version = "1"\ninputs = 3'), "inputs: must be a table"),
        (
            VALID.replace("[indicators.tax_per_mu]", "[indicators.TaxPerMu]"),
            "indicators.TaxPerMu: keys must be lower-case",
        ),
        (
            VALID.replace('unit = "万元/亩"', 'unit = "万元/亩"\nbenchmark2 = 1'),
            "indicators.tax_per_mu.benchmark2: unknown field",
        ),
        (
            VALID.replace('{ mode = "ratio_of_sums" }', '"ratio_of_sums"'),
            "indicators.tax_per_mu.benchmark: must be a table",
        ),
        (
            VALID.replace("tax_per_mu = 100 }", 'tax_per_mu = "all" }'),
            "groups[0].indicators.tax_per_mu: must be a table",
        ),
        (
            VALID.replace("tax_per_mu = 100 }", "tax_per_mu = { weight = -1 } }"),
            "tax_per_mu.weight: must be greater than 0",
        ),
        (
            VALID + '\n[leased]\nrule = "own_group"\ngroup = "all"\norphan_group = "x"\n',
            "leased.orphan_group: unknown group x",
        ),
    ],
)
def test_field_types(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('label = "全部"', 'label = "全部"\nwhen = [3]', "groups[0].when[0]: must be a table"),
        (
            'label = "全部"',
            'label = "全部"\nrank_within = "industry_code"',
            "groups[0].rank_within: must be a table",
        ),
        ('label = "全部"', 'label = "全部"\ncorrection = 1.1', "groups[0].correction: must be a table"),
        ('label = "全部"', 'label = "全部"\ngrading = "percentile"', "groups[0].grading: must be a table"),
        ('{ grade = "B", upto = 80 }', '"B"', "grading.bands[1]: must be a table"),
        ('{ grade = "B", upto = 80 }', '{ grade = "B" }', "grading.bands[1].upto: is required"),
        ('unit = "万元/亩"', 'unit = "万元/亩"\ncap = 2', "indicators.tax_per_mu.cap: must be a table"),
        (
            'benchmark = { mode = "ratio_of_sums" }',
            'normalisation = "minmax"\ncap = { weight_multiple = 2 }',
            "",
        ),
        ("[[groups]]", "[[groups]]\nkey = 3\n[[groups]]", "groups[0].key: must be a non-empty string"),
        (
            "[indicators.tax_per_mu]",
            '[indicators.other]\nlabel = "x"\n[indicators.tax_per_mu]',
            "indicators.other.numerator: is required",
        ),
        (
            "[indicators.tax_per_mu]",
            "indicators.bad = 3\n[indicators.tax_per_mu]",
            "indicators.bad: must be a table",
        ),
    ],
)
def test_values_of_the_wrong_kind(old: str, new: str, expected: str) -> None:
    text = VALID.replace(old, new, 1)
    if not expected:  # a valid variation
        assert parse_scheme(text).groups[0].indicators[0].cap == 200
        return
    found = problems(text)
    assert any(expected in problem for problem in found), found


def test_minmax_needs_no_benchmark_and_ratio_does() -> None:
    minmax = VALID.replace('benchmark = { mode = "ratio_of_sums" }', 'normalisation = "minmax"')
    assert parse_scheme(minmax).groups[0].indicators[0].benchmark.mode is None
    assert "groups[0].indicators.tax_per_mu.benchmark: is required for ratio normalisation" in problems(
        VALID.replace('benchmark = { mode = "ratio_of_sums" }\n', "")
    )


def test_conditions_of_every_kind() -> None:
    conditions = """when = [
  { column = "land_mu", eq = 3 },
  { column = "accident", eq = true },
  { column = "accident", is_true = false },
  { column = "park", is_null = true },
  { column = "land_mu", not_in = [1, 2] },
  { column = "industry_code", in = ["2611"] },
]"""
    text = RULES.replace('label = "全部"', 'label = "全部"\n' + conditions, 1)
    parsed = parse_scheme(text).groups[0].when
    assert [(condition.operator.value, condition.value) for condition in parsed] == [
        ("eq", 3.0),
        ("eq", True),
        ("is_true", False),
        ("is_null", True),
        ("not_in", (1.0, 2.0)),
        ("in", ("2611",)),
    ]
    mismatched = RULES.replace(
        'label = "全部"', 'label = "全部"\nwhen = [{ column = "accident", eq = "yes" }]', 1
    )
    assert any("operator eq on a bool column" in problem for problem in problems(mismatched))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('key = "accident"\nreason', 'key = "Accident"\nreason', "vetoes[0].key: keys must be lower-case"),
        ("amount = 5", 'amount = "five"', "adjustments[0].amount: must be a number"),
        (
            "[inputs.accident]",
            "[inputs.other]\nwhat = 1\n[inputs.accident]",
            "inputs.other.what: unknown field",
        ),
        ("[inputs.accident]", "[inputs]\nbad = 3\n[inputs.accident]", "inputs.bad: must be a table"),
    ],
)
def test_rules_of_the_wrong_kind(old: str, new: str, expected: str) -> None:
    assert old in RULES
    found = problems(RULES.replace(old, new, 1))
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize("key", ["groups", "vetoes", "exemptions", "adjustments"])
def test_list_entries_must_be_tables(key: str) -> None:
    data = tomllib.loads(RULES)
    data[key] = [3]
    with pytest.raises(SchemeError) as caught:
        scheme_from_dict(data)
    assert f"{key}[0]: must be a table" in [issue.text() for issue in caught.value.issues]


def test_leased_must_be_a_table() -> None:
    data = tomllib.loads(TWO_GROUPS)
    data["leased"] = "own"
    with pytest.raises(SchemeError, match="leased: must be a table"):
        scheme_from_dict(data)
