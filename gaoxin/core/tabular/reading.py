"""Reading .xlsx, .xls and .csv files into raw sheets: rows of cell values exactly as stored."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TypeAlias

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.converters import CellValue
from gaoxin.core.tabular.errors import TabularError
from gaoxin.core.tabular.limits import (
    DEFAULT_LIMITS,
    PASSWORD,
    UNREADABLE,
    Extent,
    ReadLimits,
    Tally,
    too_large,
)
from gaoxin.core.tabular.xls_bounds import SIGNATURE, bounds_xls
from gaoxin.core.tabular.xlsx_bounds import bounds_xlsx

# ((first row, first column), (last row, last column)), 0-based and inclusive, as python-calamine gives them.
MergedRange: TypeAlias = tuple[tuple[int, int], tuple[int, int]]

EXCEL_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls"})


@dataclass(frozen=True, slots=True)
class RawSheet:
    """A sheet's cells. ``rows[i]`` is Excel row i + 1 and ``rows[i][j]`` column j + 1; ``""`` is empty.

    Rows may differ in length. Numbers are floats (or ints), dates datetime.date/datetime, text str;
    CSV cells are all str. ``merged`` lists merged ranges (xlsx and xls only; empty for CSV).
    """

    name: str
    rows: Sequence[Sequence[CellValue]]
    merged: Sequence[MergedRange] = ()


def read_workbook(data: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS) -> list[RawSheet]:
    """Every worksheet of an .xlsx/.xlsm/.xls file, or the one sheet of a .csv file (named after the file).

    The file is first measured against ``limits`` (the deployment's come from ``gaoxin.core.tabular_edge.import_limits``): a
    workbook whose sheets reach too far, that unpacks to too much or is compressed like a bomb is refused before
    the reader allocates anything. Raises TabularError with a translatable message for such a file, and for an
    empty, unreadable, encrypted or unsupported one.
    """
    path = PurePath(filename)
    extension = path.suffix.lower()
    if extension not in EXCEL_EXTENSIONS and extension != ".csv":
        raise TabularError(
            Message(
                gettext_noop('Unsupported file type "%(extension)s": upload an .xlsx, .xls or .csv file.'),
                {"extension": extension or filename},
            )
        )
    if not data:
        raise TabularError(Message(gettext_noop("The file is empty.")))
    if extension == ".csv":
        return [RawSheet(path.stem, _read_csv(data, path.stem, limits))]
    return _read_excel(data, limits)


def _read_excel(data: bytes, limits: ReadLimits) -> list[RawSheet]:
    # The reader goes by the content, not the name: measure what it would read.
    if data.startswith(SIGNATURE):
        bounds_xls(data, limits)
    elif data.startswith(b"PK"):
        bounds_xlsx(data, limits)
    else:
        raise TabularError(UNREADABLE)
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            sheets = []
            for metadata in workbook.sheets_metadata:
                if metadata.typ != SheetTypeEnum.WorkSheet:
                    continue
                sheet = workbook.get_sheet_by_name(metadata.name)
                rows = sheet.to_python(skip_empty_area=False)
                sheets.append(RawSheet(metadata.name, rows, tuple(sheet.merged_cell_ranges or ())))
    except PasswordError as error:
        raise TabularError(PASSWORD) from error
    except (CalamineError, ValueError, OSError) as error:
        raise TabularError(UNREADABLE) from error
    if not sheets:
        raise TabularError(Message(gettext_noop("The workbook contains no worksheet.")))
    return sheets


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM) if valid, else GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TabularError(
        Message(
            gettext_noop("The CSV file is neither UTF-8 nor GBK/GB18030 encoded; save it again as UTF-8.")
        )
    )


def _delimiter(text: str) -> str:
    """Tab for text saved as "CSV" from a tab-separated export, else comma: judged on the first line that
    has either (a title line above the header has neither)."""
    for line in text[:65536].splitlines():
        tabs, commas = line.count("\t"), line.count(",")
        if tabs or commas:
            return "\t" if tabs > commas else ","
    return ","


def _read_csv(data: bytes, name: str, limits: ReadLimits) -> list[list[str]]:
    """The rows, counted while they are read: the file is refused as soon as it passes the limits."""
    if len(data) > limits.max_unpacked_bytes:
        raise too_large(limits)
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[str]] = []
    columns = 0
    try:
        for row in reader:
            rows.append(row)
            columns = max(columns, len(row))
            if (
                len(rows) > limits.max_rows
                or columns > limits.max_columns
                or len(rows) * columns > limits.max_cells
            ):
                break  # enough to name the limit passed
    except csv.Error as error:
        raise TabularError(
            Message(gettext_noop("The CSV file is malformed at line %(line)s."), {"line": reader.line_num})
        ) from error
    Tally(limits).add(name, Extent(len(rows), columns))
    return rows
