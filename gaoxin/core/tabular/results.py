"""What parsing a sheet produces."""

from __future__ import annotations

from dataclasses import dataclass

from gaoxin.core.tabular.errors import CellError


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A data row that passed every check. ``row_number`` is the 1-based Excel row (CSV line).

    ``values`` holds one entry per spec column present in the sheet (None for an empty cell); columns
    absent from the sheet are absent from ``values``, so an import can leave those fields untouched.
    """

    row_number: int
    values: dict[str, object]


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Rows that passed, the problems of the others (in row order), and notes about the header.

    ``header_rows`` are the 1-based first and last header rows; ``columns`` the spec keys found, in
    spec order. A row with any error is left out of ``rows``, so ``rows`` is what "import only the valid
    rows" imports.
    """

    sheet: str
    rows: list[ParsedRow]
    errors: list[CellError]
    notes: list[str]
    header_rows: tuple[int, int]
    columns: tuple[str, ...]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def invalid_row_numbers(self) -> frozenset[int]:
        return frozenset(error.row for error in self.errors)
