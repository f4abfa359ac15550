"""准入评估: the admission scorecard — its criteria validated, a project's values scored (pure, no Django).

A criterion is a number compared with a threshold (``direction`` "higher": the value must be at least the
threshold; "lower": at most) or a yes/no question (environment compliance, industry fit: "yes" meets it). A
criterion that is met earns its ``points``, otherwise none; a missing value is not met. A ``veto`` criterion that
is not met vetoes the project (一票否决) whatever its score. The project passes when it is not vetoed and its score
reaches the scorecard's ``pass_score``.

Criteria are stored as JSON: ``[{"key", "label", "unit", "kind", "direction", "threshold", "points", "veto"}]``.
Problems come back as ``Message`` (English msgid and its parameters) for the Django layer to translate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gaoxin.core.messages import Message, gettext_noop

NUMBER = "number"
YES_NO = "yes_no"
KINDS = (NUMBER, YES_NO)
HIGHER = "higher"
LOWER = "lower"
DIRECTIONS = (HIGHER, LOWER)

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
YES_WORDS = frozenset({"yes", "true", "1", "是", "符合", "y"})
NO_WORDS = frozenset({"no", "false", "0", "否", "不符合", "n"})


class ScorecardError(Exception):
    def __init__(self, messages: Sequence[Message]) -> None:
        super().__init__("\n".join(m.text() for m in messages))
        self.messages = tuple(messages)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    kind: str = NUMBER
    points: Decimal = Decimal(0)
    unit: str = ""
    direction: str = HIGHER
    threshold: Decimal | None = None
    veto: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "kind": self.kind,
            "direction": self.direction,
            "threshold": None if self.threshold is None else str(self.threshold),
            "points": str(self.points),
            "veto": self.veto,
        }

    def is_met(self, value: Decimal | bool | None) -> bool:
        if value is None:
            return False
        if self.kind == YES_NO:
            return value is True
        assert self.threshold is not None
        assert isinstance(value, Decimal)
        return value >= self.threshold if self.direction == HIGHER else value <= self.threshold


Value = Decimal | bool | None


@dataclass(frozen=True)
class CriterionScore:
    key: str
    label: str
    value: Value
    met: bool
    points: Decimal
    vetoes: bool  # a veto criterion that is not met


@dataclass(frozen=True)
class ScoreResult:
    score: Decimal
    items: tuple[CriterionScore, ...]
    vetoed: bool
    passed: bool


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _name(raw: Mapping[str, Any], position: int) -> str:
    label = str(raw.get("label") or "").strip()
    key = str(raw.get("key") or "").strip()
    return label or key or f"#{position}"


def _criterion(raw: object, position: int, seen: set[str], problems: list[Message]) -> Criterion | None:
    if not isinstance(raw, Mapping):
        problems.append(
            Message(gettext_noop("Criterion %(position)s is not a set of fields."), {"position": position})
        )
        return None
    name = _name(raw, position)
    found = len(problems)

    def problem(msgid: str, **params: Any) -> None:
        problems.append(Message(msgid, {"criterion": name, **params}))

    key = str(raw.get("key") or "").strip()
    if not KEY_PATTERN.match(key):
        problem(gettext_noop("Criterion “%(criterion)s”: the key must be lower-case letters, digits or _."))
    elif key in seen:
        problem(gettext_noop("Criterion “%(criterion)s”: the key %(key)s is used twice."), key=key)
    seen.add(key)
    label = str(raw.get("label") or "").strip()
    if not label:
        problem(gettext_noop("Criterion “%(criterion)s”: the label is missing."))
    kind = raw.get("kind", NUMBER)
    if kind not in KINDS:
        problem(gettext_noop("Criterion “%(criterion)s”: the kind must be a number or yes/no."))
    direction = raw.get("direction") or HIGHER
    if direction not in DIRECTIONS:
        problem(gettext_noop("Criterion “%(criterion)s”: say whether higher or lower is better."))
    threshold = _decimal(raw.get("threshold"))
    if kind == NUMBER and threshold is None:
        problem(gettext_noop("Criterion “%(criterion)s”: the threshold must be a number."))
    points = _decimal(raw.get("points"))
    if points is None or points < 0:
        problem(gettext_noop("Criterion “%(criterion)s”: the points must be a number of at least 0."))
    veto = raw.get("veto", False)
    if not isinstance(veto, bool):
        problem(gettext_noop("Criterion “%(criterion)s”: veto must be yes or no."))
    if len(problems) > found:
        return None
    assert points is not None
    return Criterion(
        key=key,
        label=label,
        kind=str(kind),
        points=points,
        unit=str(raw.get("unit") or "").strip(),
        direction=str(direction),
        threshold=threshold if kind == NUMBER else None,
        veto=bool(veto),
    )


def parse_scorecard(raw_criteria: object, pass_score: Decimal | int | str | None) -> tuple[Criterion, ...]:
    """The criteria of a scorecard, or ``ScorecardError`` with every problem found."""
    problems: list[Message] = []
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise ScorecardError([Message(gettext_noop("A scorecard needs at least one criterion."))])
    seen: set[str] = set()
    criteria = [_criterion(raw, position, seen, problems) for position, raw in enumerate(raw_criteria, 1)]
    needed = _decimal(pass_score)
    if needed is None or needed < 0:
        problems.append(Message(gettext_noop("The score to pass must be a number of at least 0.")))
    if problems:
        raise ScorecardError(problems)
    parsed = tuple(c for c in criteria if c is not None)
    total = sum((c.points for c in parsed), Decimal(0))
    assert needed is not None
    if needed > total:
        raise ScorecardError(
            [
                Message(
                    gettext_noop(
                        "The score to pass (%(needed)s) is more than all points together (%(total)s)."
                    ),
                    {"needed": needed, "total": total},
                )
            ]
        )
    return parsed


def parse_values(criteria: Sequence[Criterion], raw: Mapping[str, Any]) -> dict[str, Value]:
    """A project's values by criterion key: numbers as Decimal, yes/no as bool, blank as ``None``."""
    values: dict[str, Value] = {}
    problems: list[Message] = []
    for criterion in criteria:
        given = raw.get(criterion.key)
        if given is None or (isinstance(given, str) and not given.strip()):
            values[criterion.key] = None
        elif criterion.kind == YES_NO:
            word = str(given).strip().lower()
            if isinstance(given, bool):
                values[criterion.key] = given
            elif word in YES_WORDS or word in NO_WORDS:
                values[criterion.key] = word in YES_WORDS
            else:
                problems.append(
                    Message(
                        gettext_noop("Criterion “%(criterion)s”: answer yes or no."),
                        {"criterion": criterion.label},
                    )
                )
        else:
            number = _decimal(given)
            if number is None:
                problems.append(
                    Message(
                        gettext_noop("Criterion “%(criterion)s”: %(value)s is not a number."),
                        {"criterion": criterion.label, "value": given},
                    )
                )
            values[criterion.key] = number
    if problems:
        raise ScorecardError(problems)
    return values


def values_as_json(values: Mapping[str, Value]) -> dict[str, Any]:
    return {k: v if v is None or isinstance(v, bool) else str(v) for k, v in values.items()}


def score(criteria: Sequence[Criterion], values: Mapping[str, Value], pass_score: Decimal) -> ScoreResult:
    """Points per criterion, the total, whether a veto struck and whether the project passes."""
    items = []
    for criterion in criteria:
        value = values.get(criterion.key)
        met = criterion.is_met(value)
        items.append(
            CriterionScore(
                key=criterion.key,
                label=criterion.label,
                value=value,
                met=met,
                points=criterion.points if met else Decimal(0),
                vetoes=criterion.veto and not met,
            )
        )
    total = sum((item.points for item in items), Decimal(0))
    vetoed = any(item.vetoes for item in items)
    return ScoreResult(
        score=total, items=tuple(items), vetoed=vetoed, passed=not vetoed and total >= pass_score
    )
