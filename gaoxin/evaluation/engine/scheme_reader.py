"""Typed reading of parsed TOML that records every problem with its TOML path instead of stopping."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.errors import SchemeIssue

E = TypeVar("E", bound=StrEnum)
Table = Mapping[str, object]


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def listing(values: Collection[str]) -> str:
    return ", ".join(values)


# The longest text a scheme's string may be (a reason, a label, the description).
MAX_STRING = 2000


def is_number(value: object) -> bool:
    """A finite number: TOML's inf and nan, and integers beyond a float, are not numbers a scheme may use."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def number_msgid(value: object) -> str:
    """The message for a value ``is_number`` refused."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return gettext_noop("must be a finite number")
    return gettext_noop("must be a number")


class Reader:
    """Collects ``SchemeIssue``s; each accessor returns None after recording a problem."""

    def __init__(self) -> None:
        self.issues: list[SchemeIssue] = []

    def error(self, path: str, msgid: str, **params: object) -> None:
        self.issues.append(SchemeIssue(path, Message(msgid, params)))

    def table(self, value: object, path: str, allowed: Collection[str]) -> Table | None:
        """``value`` as a table whose keys are all in ``allowed``; unknown keys are reported."""
        if not isinstance(value, Mapping):
            self.error(path, gettext_noop("must be a table"))
            return None
        for key in value:
            if key not in allowed:
                self.error(
                    join(path, key),
                    gettext_noop("unknown field; expected one of %(allowed)s"),
                    allowed=listing(allowed),
                )
        return value

    def tables(self, table: Table, key: str, path: str) -> list[tuple[str, object]]:
        """An optional array of tables, as (path, item) pairs."""
        value = table.get(key, [])
        if not isinstance(value, list):
            self.error(join(path, key), gettext_noop("must be an array of tables"))
            return []
        return [(join(join(path, key), index), item) for index, item in enumerate(value)]

    def string(self, table: Table, key: str, path: str, *, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(join(path, key), gettext_noop("is required"))
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(join(path, key), gettext_noop("must be a non-empty string"))
            return None
        if len(value) > MAX_STRING:
            self.error(join(path, key), gettext_noop("is longer than %(limit)s characters"), limit=MAX_STRING)
            return None
        return value

    def number(
        self, table: Table, key: str, path: str, *, required: bool = False, positive: bool = False
    ) -> float | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(join(path, key), gettext_noop("is required"))
            return None
        if not is_number(value):
            self.error(join(path, key), number_msgid(value))
            return None
        number = float(value)  # type: ignore[arg-type]
        if positive and not number > 0:
            self.error(join(path, key), gettext_noop("must be greater than 0"))
            return None
        return number

    def integer(self, table: Table, key: str, path: str, minimum: int, maximum: int) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
            self.error(
                join(path, key),
                gettext_noop("must be a whole number from %(minimum)s to %(maximum)s"),
                minimum=minimum,
                maximum=maximum,
            )
            return None
        return value

    def choice(self, table: Table, key: str, path: str, enum: type[E], *, required: bool = False) -> E | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(join(path, key), gettext_noop("is required"))
            return None
        allowed = [member.value for member in enum]
        if value not in allowed:
            self.error(join(path, key), gettext_noop("must be one of %(allowed)s"), allowed=listing(allowed))
            return None
        return enum(str(value))

    def strings(self, table: Table, key: str, path: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(join(path, key), gettext_noop("must be an array of strings"))
            return ()
        return tuple(value)

    def positive_numbers(self, table: Table, key: str, path: str) -> Mapping[str, float]:
        """An optional table of positive numbers keyed by text, such as factors per industry code."""
        value = table.get(key, {})
        if not isinstance(value, Mapping):
            self.error(join(path, key), gettext_noop("must be a table"))
            return MappingProxyType({})
        result = {name: self.number(value, name, join(path, key), positive=True) for name in value}
        return MappingProxyType({name: number for name, number in result.items() if number is not None})
