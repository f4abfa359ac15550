"""What a report holds (pure, no Django): headline figures, paragraphs and tables with typed columns.

Cells keep their values (Decimal, int, date, text); how they are shown — 万元 with separators, percentages, dates
written out — is decided by the kind of their column when the report is rendered (``output``), so that Excel gets
numbers and Word and the page get text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

TEXT, INTEGER, AMOUNT, PERCENT, DATE = "text", "integer", "amount", "percent", "date"
FIGURES = frozenset({INTEGER, AMOUNT, PERCENT})  # right-aligned, numbers in Excel


@dataclass(frozen=True)
class Cell:
    """A value shown by another kind than its column's (a count in a column of amounts: 5, not 5.00)."""

    value: object
    kind: str


def kind_and_value(column_kind: str, cell: object) -> tuple[str, object]:
    """The kind a cell is shown by, and its value."""
    return (cell.kind, cell.value) if isinstance(cell, Cell) else (column_kind, cell)


@dataclass(frozen=True)
class Table:
    """One table: a title, its headers, the kind of each column, and the rows of values."""

    title: str
    headers: Sequence[str]
    kinds: Sequence[str]
    rows: Sequence[Sequence[object]]

    def __post_init__(self) -> None:
        if len(self.headers) != len(self.kinds) or any(len(row) != len(self.kinds) for row in self.rows):
            raise ValueError(f"table {self.title!r}: every row needs one value per column")


@dataclass(frozen=True)
class Figure:
    """A headline figure: its label, kind and value."""

    label: str
    kind: str
    value: object


@dataclass(frozen=True)
class Section:
    """A part of a report under its heading: paragraphs, then tables."""

    heading: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()


@dataclass(frozen=True)
class ReportDocument:
    title: str
    as_of: dt.date  # the day the figures stand at
    made_on: dt.date  # the day the report was made (printed under the issuer)
    issued_by: str = ""
    summary: Sequence[str] = ()  # the opening paragraphs
    figures: Sequence[Figure] = ()
    sections: Sequence[Section] = field(default_factory=tuple)
    landscape: bool = True

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]
