"""Finding the header of a sheet and binding its columns to a TableSpec.

The header is the row (or pair of rows) among the first few that names the most spec columns. Two-row
headers are read column by column: the lower cell names the column ("税收(万元)") and the upper one may be
a group title merged across columns ("2024年度") or the label itself, merged down over an empty lower
cell. Merged ranges are filled from the workbook when it has them; otherwise a group title is carried to
the right over the columns that have a lower cell. Rows above the header (titles such as
"2024年企业数据表（单位：万元）") are skipped, and a "单位：…" note there applies to columns whose
header states no unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.errors import TabularError
from gaoxin.core.tabular.labels import label_key, split_suffix
from gaoxin.core.tabular.reading import RawSheet
from gaoxin.core.tabular.units import FRACTION, Unit, family_symbols, parse_unit, scale_factor

DEFAULT_HEADER_SEARCH_ROWS = 10
_NOTE_SEPARATORS = re.compile(r"[、,;/和及]")


@dataclass(frozen=True, slots=True)
class BoundColumn:
    """A spec column found in the sheet at 0-based ``index``.

    ``unit`` is the unit the sheet's values are in, ``scale`` what to multiply them by to get the
    column's unit (None: no conversion).
    """

    column: Column
    index: int
    header: str
    unit: Unit | None
    scale: Decimal | None


@dataclass(frozen=True, slots=True)
class HeaderLayout:
    """Where the header is (0-based rows ``first_row``..``last_row``) and which columns it binds."""

    first_row: int
    last_row: int
    columns: tuple[BoundColumn, ...]
    notes: tuple[Message, ...]


@dataclass(frozen=True, slots=True)
class _Cell:
    index: int
    column: Column
    text: str  # the cell that names the column
    own_unit: str | None  # unit text in that cell's suffix
    other: str  # the other header cell of a two-row header ("" for one row)


@dataclass(frozen=True, slots=True)
class _Candidate:
    first_row: int
    height: int
    cells: tuple[_Cell, ...]
    extras: tuple[tuple[int, str], ...]  # unmatched non-empty header cells
    both_rows: bool  # a two-row reading in which each row adds labels, units or groups

    @property
    def score(self) -> int:
        return len({cell.column.key for cell in self.cells})


def column_letter(index: int) -> str:
    """Excel column letter of a 0-based index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value).strip()


def _unit_in(text: str) -> Unit | None:
    """The unit a header cell states, whole ("万元", "（万元）") or as a suffix ("2024年度（万元）")."""
    key = label_key(text)
    unit = parse_unit(key)
    if unit is None:
        parts = split_suffix(key)
        unit = None if parts is None else parse_unit(parts[1])
    return unit


class _Matcher:
    def __init__(self, spec: TableSpec) -> None:
        self.lookup = {
            label_key(name): column for column in spec.columns for name in (column.label, *column.aliases)
        }

    def match(self, text: str) -> tuple[Column, str | None] | None:
        key = label_key(text)
        if not key:
            return None
        column = self.lookup.get(key)
        if column is not None:
            return column, None
        parts = split_suffix(key)
        if parts is not None and parts[0] in self.lookup:
            return self.lookup[parts[0]], parts[1]
        return None

    def candidate(self, grid: list[list[str]], first_row: int) -> _Candidate:
        cells: list[_Cell] = []
        extras: list[tuple[int, str]] = []
        upper_values: set[str] = set()
        upper_contributes = lower_contributes = lower_holds_data = False
        for index in range(len(grid[0])):
            upper, lower = ("", grid[0][index]) if len(grid) == 1 else (grid[0][index], grid[1][index])
            found = self.match(lower)
            if found is not None:
                text, other = lower, upper
                lower_contributes = True
                upper_contributes = upper_contributes or (bool(upper) and _unit_in(upper) is not None)
            else:
                found = self.match(upper)
                text, other = upper, lower
                if found is not None:
                    upper_contributes = True
                    lower_unit = bool(lower) and _unit_in(lower) is not None
                    lower_contributes = lower_contributes or lower_unit
                    lower_holds_data = lower_holds_data or (bool(lower) and not lower_unit)
            if found is None:
                shown = " / ".join(dict.fromkeys(part for part in (upper, lower) if part))
                if shown:
                    extras.append((index, shown))
                continue
            cells.append(_Cell(index, found[0], text, found[1], other))
            if upper:
                upper_values.add(upper)
        # A two-row reading counts only if both rows add something: a title row merged over the header, or
        # a data row below it, adds nothing; a group-title row holds several distinct values.
        # A unit row holds units alone: a lower row with a value under a column named above is data, whatever
        # else it holds ("%" as a firm's name).
        both_rows = (
            lower_contributes and (upper_contributes or len(upper_values) > 1) and not lower_holds_data
        )
        return _Candidate(first_row, len(grid), tuple(cells), tuple(extras), both_rows)


def _grid(sheet: RawSheet, first_row: int, height: int) -> list[list[str]]:
    """Header rows as text, merged ranges filled, a group title carried right over sub-columns."""
    rows = sheet.rows[first_row : first_row + height]
    last_row = first_row + len(rows) - 1
    width = max((len(row) for row in rows), default=0)
    merged = [m for m in sheet.merged if m[0][0] <= last_row and m[1][0] >= first_row]
    width = max([width, *(m[1][1] + 1 for m in merged)])
    grid = [[_cell_text(value) for value in row] + [""] * (width - len(row)) for row in rows]
    for (top, left), (bottom, right) in merged:
        source = sheet.rows[top]
        value = _cell_text(source[left]) if left < len(source) else ""
        for row in range(max(top, first_row), min(bottom, last_row) + 1):
            for index in range(left, right + 1):
                grid[row - first_row][index] = value
    if len(grid) == 2:
        upper, lower = grid
        carried = ""
        for index in range(width):
            if upper[index]:
                carried = upper[index]
            elif lower[index]:
                upper[index] = carried
    return grid


def _sheet_units(
    sheet: RawSheet, last_row: int, header_cells: set[tuple[int, int]]
) -> dict[str, tuple[Unit, str]]:
    """Units stated by "单位：万元、亩" notes above or in the header (family → unit and the note)."""
    found: dict[str, tuple[Unit, str]] = {}
    conflicting: set[str] = set()
    for row_index, row in enumerate(sheet.rows[: last_row + 1]):
        for index, value in enumerate(row):
            if (row_index, index) in header_cells or not isinstance(value, str) or "单位" not in value:
                continue
            key = label_key(value)
            note = key[key.index("单位") + 2 :].lstrip(":").rstrip(")")
            for piece in _NOTE_SEPARATORS.split(note):
                unit = parse_unit(piece)
                if unit is None:
                    continue
                known = found.setdefault(unit.family, (unit, value.strip()))
                if known[0] != unit:
                    conflicting.add(unit.family)
    return {family: entry for family, entry in found.items() if family not in conflicting}


def _best_candidate(sheet: RawSheet, matcher: _Matcher, search_rows: int) -> _Candidate | None:
    best: _Candidate | None = None
    for first_row in range(min(search_rows, len(sheet.rows))):
        single = matcher.candidate(_grid(sheet, first_row, 1), first_row)
        choice = single
        if first_row + 1 < len(sheet.rows):
            double = matcher.candidate(_grid(sheet, first_row, 2), first_row)
            if double.both_rows and double.score >= single.score:
                choice = double
        if choice.score and (best is None or choice.score > best.score):
            best = choice
    return best


def _no_header_error(sheet: RawSheet, spec: TableSpec, search_rows: int) -> TabularError:
    expected = [column.label for column in spec.columns if column.required] or [
        column.label for column in spec.columns
    ]
    return TabularError(
        Message(
            gettext_noop(
                'Sheet "%(sheet)s": no header row found; the first %(rows)s rows contain none of the '
                "expected column names (%(labels)s)."
            ),
            {"sheet": sheet.name, "rows": search_rows, "labels": "、".join(expected)},
        )
    )


def locate_header(
    sheet: RawSheet, spec: TableSpec, search_rows: int = DEFAULT_HEADER_SEARCH_ROWS
) -> HeaderLayout:
    """Find the header within the first ``search_rows`` rows and bind spec columns to sheet columns.

    Raises TabularError listing every problem: no header, a required column missing, a column named
    twice, a unit the column cannot take.
    """
    candidate = _best_candidate(sheet, _Matcher(spec), search_rows)
    if candidate is None:
        raise _no_header_error(sheet, spec, search_rows)
    last_row = candidate.first_row + candidate.height - 1
    header_cells = {
        (row, cell.index) for cell in candidate.cells for row in range(candidate.first_row, last_row + 1)
    }
    sheet_units = _sheet_units(sheet, last_row, header_cells)
    problems: list[Message] = []
    notes: list[Message] = []
    by_key: dict[str, list[_Cell]] = {}
    for cell in candidate.cells:
        by_key.setdefault(cell.column.key, []).append(cell)
    bound: list[BoundColumn] = []
    for column in spec.columns:
        cells = by_key.get(column.key, [])
        if not cells:
            if column.required:
                problems.append(
                    Message(
                        gettext_noop('Sheet "%(sheet)s": required column "%(column)s" is missing.'),
                        {"sheet": sheet.name, "column": column.label},
                    )
                )
            continue
        if len(cells) > 1:
            problems.append(
                Message(
                    gettext_noop(
                        'Sheet "%(sheet)s": column "%(column)s" appears more than once (columns %(letters)s).'
                    ),
                    {
                        "sheet": sheet.name,
                        "column": column.label,
                        "letters": "、".join(column_letter(cell.index) for cell in cells),
                    },
                )
            )
            continue
        bound.append(_bind(sheet.name, cells[0], sheet_units, problems, notes))
    for index, text in candidate.extras:
        notes.append(
            Message(
                gettext_noop(
                    'Sheet "%(sheet)s": column %(letter)s "%(header)s" is not a known column and was ignored.'
                ),
                {"sheet": sheet.name, "letter": column_letter(index), "header": text},
            )
        )
    if problems:
        raise TabularError(*problems)
    return HeaderLayout(candidate.first_row, last_row, tuple(bound), tuple(notes))


def _bind(
    sheet_name: str,
    cell: _Cell,
    sheet_units: dict[str, tuple[Unit, str]],
    problems: list[Message],
    notes: list[Message],
) -> BoundColumn:
    column = cell.column
    target = column.canonical_unit or (FRACTION if column.converter.ratio_header else None)
    if target is None:
        return BoundColumn(column, cell.index, cell.text, None, None)
    if cell.own_unit is not None:
        source = parse_unit(cell.own_unit)
        if source is None or source.family != target.family:
            problems.append(
                Message(
                    gettext_noop(
                        'Sheet "%(sheet)s", column %(letter)s "%(header)s": unknown unit "%(unit)s"; '
                        "use one of %(units)s."
                    ),
                    {
                        "sheet": sheet_name,
                        "letter": column_letter(cell.index),
                        "header": cell.text,
                        "unit": cell.own_unit,
                        "units": "、".join(family_symbols(target.family)),
                    },
                )
            )
            return BoundColumn(column, cell.index, cell.text, None, None)
    else:
        source = _unit_in(cell.other) if cell.other else None
        if source is None or source.family != target.family:
            source = target
            if target.family in sheet_units:
                source, note = sheet_units[target.family]
                notes.append(
                    Message(
                        gettext_noop('Column "%(column)s": unit %(unit)s taken from the note "%(note)s".'),
                        {"column": column.label, "unit": source.symbol, "note": note},
                    )
                )
            elif target is not FRACTION:
                notes.append(
                    Message(
                        gettext_noop('Column "%(column)s": the header states no unit; %(unit)s assumed.'),
                        {"column": column.label, "unit": target.symbol},
                    )
                )
    if source == target:
        return BoundColumn(column, cell.index, cell.text, source, None)
    if target is not FRACTION:
        notes.append(
            Message(
                gettext_noop('Column "%(column)s": values converted from %(source)s to %(target)s.'),
                {"column": column.label, "source": source.symbol, "target": target.symbol},
            )
        )
    return BoundColumn(column, cell.index, cell.text, source, scale_factor(source, target))


def select_sheet(
    sheets: Sequence[RawSheet], spec: TableSpec, search_rows: int = DEFAULT_HEADER_SEARCH_ROWS
) -> RawSheet:
    """The sheet whose header names the most spec columns (the first on a tie).

    Lets a workbook carry an instructions sheet or a cover sheet before the data. Raises the no-header
    TabularError of the first sheet when no sheet has a header.
    """
    matcher = _Matcher(spec)
    best: tuple[int, RawSheet] | None = None
    for sheet in sheets:
        candidate = _best_candidate(sheet, matcher, search_rows)
        if candidate is not None and (best is None or candidate.score > best[0]):
            best = (candidate.score, sheet)
    if best is None:
        raise _no_header_error(sheets[0], spec, search_rows)
    return best[1]
