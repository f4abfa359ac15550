"""A scheme: one county's published evaluation method as frozen dataclasses (see docs/scheme-format.md).

Schemes are written in TOML and turned into these classes by ``scheme_validation.parse_scheme``; the
engine only ever sees a validated ``Scheme``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from gaoxin.evaluation.engine.glossary import STANDARD_COLUMNS, ColumnType


def _empty() -> Mapping[str, float]:
    return MappingProxyType({})


class BenchmarkMode(StrEnum):
    CONSTANT = "constant"
    MEAN_OF_RATIOS = "mean_of_ratios"
    RATIO_OF_SUMS = "ratio_of_sums"
    MEDIAN = "median"
    PRIOR = "prior"


COMPUTED_MODES = frozenset({BenchmarkMode.MEAN_OF_RATIOS, BenchmarkMode.RATIO_OF_SUMS, BenchmarkMode.MEDIAN})


class Normalisation(StrEnum):
    RATIO = "ratio"  # value ÷ benchmark × weight
    MINMAX = "minmax"  # (value − min) ÷ (max − min) × weight


class Policy(StrEnum):
    """What an indicator scores when its data is missing or its denominator is zero or negative."""

    ZERO = "zero"
    IMPUTE = "impute"  # the group's average score on this indicator
    EXCLUDE = "exclude"  # the enterprise is not evaluated
    FULL = "full"  # the cap, or the weight when there is no cap (denominator policy only)


class LeasedRule(StrEnum):
    OWN_GROUP = "own_group"
    MERGE_WITH_LESSOR = "merge_with_lessor"
    FOLLOW_LESSOR = "follow_lessor"


class GradingMethod(StrEnum):
    PERCENTILE = "percentile"
    THRESHOLD = "threshold"


class BandRounding(StrEnum):
    HALF_UP = "half_up"
    FLOOR = "floor"
    CEIL = "ceil"


class Ties(StrEnum):
    FAVOURABLE = "favourable"  # a tied block straddling a band edge all get the better grade
    UNFAVOURABLE = "unfavourable"  # … all get the worse grade


class AdjustmentKind(StrEnum):
    POINTS = "points"
    PERCENT = "percent"


class Operator(StrEnum):
    EQ = "eq"
    NE = "ne"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    IN = "in"
    NOT_IN = "not_in"
    STARTS_WITH = "starts_with"
    IS_TRUE = "is_true"
    IS_NULL = "is_null"
    YOUNGER_THAN_YEARS = "younger_than_years"


@dataclass(frozen=True)
class KeySpec:
    """A partition key: a text column, optionally cut to its first ``prefix`` characters."""

    column: str
    prefix: int | None = None


@dataclass(frozen=True)
class Condition:
    """``column <operator> value``; a null cell never satisfies a condition except ``is_null``."""

    column: str
    operator: Operator
    value: str | float | bool | tuple[str | float, ...]


@dataclass(frozen=True)
class BenchmarkSpec:
    mode: BenchmarkMode | None  # None only with min–max normalisation
    value: float | None = None  # the constant, or the default for keys missing from ``values``
    values: Mapping[str, float] = field(default_factory=_empty)  # constants per ``by`` key
    by: KeySpec | None = None  # per-industry (or other key) benchmarks inside the group
    min_firms: int = 1  # a ``by`` partition with fewer valid firms uses the group-wide figure
    decimals: int | None = None  # round the benchmark half-up, as published
    fallback: BenchmarkMode | None = None  # for ``prior``: used when the prior year has no figure


@dataclass(frozen=True)
class IndicatorDefinition:
    key: str
    label: str
    numerator: str
    denominator: str
    unit: str = ""


@dataclass(frozen=True)
class IndicatorRule:
    """An indicator as one group scores it; ``cap`` and ``floor`` are in points."""

    definition: IndicatorDefinition
    weight: float
    benchmark: BenchmarkSpec
    normalisation: Normalisation = Normalisation.RATIO
    cap: float | None = None
    floor: float | None = None
    missing: Policy = Policy.ZERO
    nonpositive_denominator: Policy = Policy.ZERO

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def full_score(self) -> float:
        """The score of policy ``full``: the cap, or the weight without a cap."""
        return self.weight if self.cap is None else self.cap


@dataclass(frozen=True)
class Correction:
    """A factor multiplying the indicator sum: a constant, a numeric column, or a table keyed by a column."""

    value: float = 1.0
    column: str | None = None
    prefix: int | None = None
    values: Mapping[str, float] = field(default_factory=_empty)


@dataclass(frozen=True)
class Band:
    """A grade: for percentile grading the cumulative share ``upto`` (percent), else the ``minimum`` score."""

    grade: str
    upto: Fraction | None = None
    minimum: float | None = None


@dataclass(frozen=True)
class Grading:
    method: GradingMethod
    bands: tuple[Band, ...]  # best grade first
    band_rounding: BandRounding = BandRounding.HALF_UP
    ties: Ties = Ties.FAVOURABLE

    @property
    def grades(self) -> tuple[str, ...]:
        return tuple(band.grade for band in self.bands)


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    when: tuple[Condition, ...]
    indicators: tuple[IndicatorRule, ...]
    grading: Grading
    correction: Correction | None = None
    rank_within: KeySpec | None = None


@dataclass(frozen=True)
class Veto:
    key: str
    reason: str
    when: tuple[Condition, ...]
    max_grade: str
    groups: tuple[str, ...] = ()  # empty: every group


@dataclass(frozen=True)
class Exemption:
    key: str
    reason: str
    when: tuple[Condition, ...]
    grade: str | None = None  # the grade exempt firms receive; None: not graded


@dataclass(frozen=True)
class Adjustment:
    """``amount`` points or percent (× the ``per`` column when given) for firms meeting ``when``."""

    key: str
    reason: str
    kind: AdjustmentKind
    amount: float
    when: tuple[Condition, ...] = ()
    per: str | None = None
    groups: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class LeasedPolicy:
    """Leased firms: a ``lessor_credit_code`` and no land of their own."""

    rule: LeasedRule
    group: str | None = None  # the group of rule ``own_group``
    orphan_group: str | None = None  # where lessees go whose lessor is not evaluable; None: not evaluated


@dataclass(frozen=True)
class InputColumn:
    """A further input; a number input may bound its values (a count: ``minimum = 0``)."""

    key: str
    label: str
    type: ColumnType
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Scheme:
    name: str
    version: str
    groups: tuple[Group, ...]
    indicators: tuple[IndicatorDefinition, ...]
    description: str = ""
    year: int | None = None
    decimals: int = 2
    indicator_decimals: int | None = None
    total_weight: float = 100.0
    vetoes: tuple[Veto, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    leased: LeasedPolicy | None = None
    inputs: tuple[InputColumn, ...] = ()
    title: str = ""  # the display name published in notices ("全区工业企业亩均效益综合评价"); name is the key
    publicity_workdays: int | None = None  # working days of 公示 the method asks for, if it asks

    @property
    def grades(self) -> tuple[str, ...]:
        """Grades best first; validation guarantees every group grades with the same list."""
        return self.groups[0].grading.grades

    @property
    def column_types(self) -> dict[str, ColumnType]:
        return {**STANDARD_COLUMNS, **{column.key: column.type for column in self.inputs}}

    def group(self, key: str) -> Group:
        return next(group for group in self.groups if group.key == key)

    @property
    def leased_groups(self) -> frozenset[str]:
        """Groups that receive only lessees (rule ``own_group``) or orphans, never by membership."""
        if self.leased is None:
            return frozenset()
        return frozenset(key for key in (self.leased.group, self.leased.orphan_group) if key is not None)
