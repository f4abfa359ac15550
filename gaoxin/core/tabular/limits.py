"""How much an uploaded spreadsheet may make the reader do, checked from the file itself before it is read.

A workbook's reader allocates its sheets' whole used range (first to last cell, every cell between), so a 2 KB
file with one cell at A1 and one at XFD1048576 asks for 17 billion cells; a compressed part can unpack to
gigabytes. ``ReadLimits`` bounds rows, columns and cells per workbook, the unpacked size, the compression
ratio and the number of sheets; ``bounds_xlsx`` and ``bounds_xls`` measure a file against them cheaply.
The defaults suit a zone's registry many times over; the Django edge (``gaoxin.core.tabular_edge``) builds the
deployment's own from its settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.errors import TabularError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_rows: int = 200_000  # per sheet
    max_columns: int = 200  # per sheet
    max_cells: int = 5_000_000  # rows × columns of every sheet's used range, all sheets together
    max_sheets: int = 100
    max_unpacked_bytes: int = 200 * MB  # an .xlsx's parts unpacked, or a .csv file
    max_ratio: int = 100  # unpacked / packed, per part and overall (parts above 1 MB)


DEFAULT_LIMITS = ReadLimits()


def column_letters(number: int) -> str:
    """Excel's letters of the 1-based column ``number`` (1 → A, 16384 → XFD)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based number of Excel's column ``letters`` (A → 1); 0 for no letters."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _n(value: int) -> str:
    return f"{value:,}"


@dataclass
class Extent:
    """How far a sheet reaches: its last row and last column (1-based; 0 when it is empty)."""

    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class Tally:
    """The extents of a workbook's sheets measured against the limits, sheet by sheet."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.cells = 0
        self.sheets = 0

    def add(self, sheet: str, extent: Extent) -> None:
        """Count one sheet; TabularError when it, or all sheets so far, exceed the limits."""
        limits = self.limits
        self.sheets += 1
        self.cells += extent.cells
        if self.sheets > limits.max_sheets:
            raise too_many_sheets(self.sheets, limits)
        if extent.rows > limits.max_rows or extent.columns > limits.max_columns:
            raise TabularError(
                Message(
                    gettext_noop(
                        'Sheet "%(sheet)s" reaches row %(rows)s and column %(column)s; a sheet may have at most '
                        "%(max_rows)s rows and %(max_columns)s columns. Delete what lies outside the table "
                        "(also empty but formatted rows and columns), or split the file."
                    ),
                    {
                        "sheet": sheet,
                        "rows": _n(extent.rows),
                        "column": column_letters(extent.columns),
                        "max_rows": _n(limits.max_rows),
                        "max_columns": _n(limits.max_columns),
                    },
                )
            )
        if self.cells > limits.max_cells:
            raise TabularError(
                Message(
                    gettext_noop(
                        'The sheets of the file span %(cells)s cells (up to sheet "%(sheet)s"); at most '
                        "%(max_cells)s cells can be read from one file. Split the file."
                    ),
                    {"cells": _n(self.cells), "sheet": sheet, "max_cells": _n(limits.max_cells)},
                )
            )


def too_many_sheets(count: int, limits: ReadLimits) -> TabularError:
    return TabularError(
        Message(
            gettext_noop("The workbook has %(count)s sheets; at most %(limit)s can be read from one file."),
            {"count": _n(count), "limit": _n(limits.max_sheets)},
        )
    )


def too_large(limits: ReadLimits) -> TabularError:
    return TabularError(
        Message(
            gettext_noop(
                "The file unpacks to more than %(limit)s MB; at most %(limit)s MB can be read. Split it."
            ),
            {"limit": _n(limits.max_unpacked_bytes // MB)},
        )
    )


def too_compressed(ratio: float, limits: ReadLimits) -> TabularError:
    return TabularError(
        Message(
            gettext_noop(
                "The file is compressed %(ratio)s to 1, more than the %(limit)s to 1 a spreadsheet reaches; it is "
                "refused as a possible compression bomb."
            ),
            {"ratio": _n(int(ratio)), "limit": _n(limits.max_ratio)},
        )
    )


UNREADABLE = Message(
    gettext_noop("The file cannot be read as a spreadsheet; it may be damaged or in another format.")
)
PASSWORD = Message(gettext_noop("The file is password-protected; remove the password and upload it again."))
