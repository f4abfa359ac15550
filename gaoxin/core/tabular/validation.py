"""Checks across a row's fields or across rows, run after every cell converted cleanly.

A validator takes the parsed rows (in sheet order) and yields the problems it finds; the parser turns
them into CellErrors naming sheet, row and column, and drops those rows from the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.results import ParsedRow


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A problem in row ``row_number``, concerning the columns ``keys`` (empty: the whole row)."""

    row_number: int
    keys: tuple[str, ...]
    message: Message


Validator: TypeAlias = Callable[[Sequence[ParsedRow]], Iterable[RowIssue]]
RowCheck: TypeAlias = Callable[[Mapping[str, object]], Iterable[tuple[tuple[str, ...], Message]]]


def unique(*keys: str) -> Validator:
    """Reject a row whose values in ``keys`` repeat an earlier row's: "与第 3 行重复".

    Rows with an empty key value are skipped (a required column reports those itself); the first
    occurrence stays valid.
    """
    if not keys:
        raise ValueError("unique() needs at least one column key")

    def validate(rows: Sequence[ParsedRow]) -> Iterator[RowIssue]:
        first_rows: dict[tuple[object, ...], int] = {}
        for row in rows:
            value = tuple(row.values.get(key) for key in keys)
            if None in value:
                continue
            first = first_rows.setdefault(value, row.row_number)
            if first != row.row_number:
                yield RowIssue(
                    row.row_number, keys, Message(gettext_noop("duplicates row %(row)s"), {"row": first})
                )

    return validate


def each_row(check: RowCheck) -> Validator:
    """A validator from a per-row check that yields (column keys, message) for each problem."""

    def validate(rows: Sequence[ParsedRow]) -> Iterator[RowIssue]:
        for row in rows:
            for keys, message in check(row.values):
                yield RowIssue(row.row_number, keys, message)

    return validate
