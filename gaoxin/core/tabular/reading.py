"""Reading .xlsx, .xls and .csv files into raw sheets: rows of cell values exactly as stored."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TypeAlias

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from gaoxin.core.tabular.converters import CellValue
from gaoxin.core.tabular.errors import Message, TabularError, gettext_noop

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


def read_workbook(data: bytes, filename: str) -> list[RawSheet]:
    """Every worksheet of an .xlsx/.xlsm/.xls file, or the one sheet of a .csv file (named after the file).

    Raises TabularError with a translatable message for an empty, unreadable, encrypted or unsupported file.
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
        return [RawSheet(path.stem, _read_csv(data))]
    return _read_excel(data)


def _read_excel(data: bytes) -> list[RawSheet]:
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
        raise TabularError(
            Message(gettext_noop("The file is password-protected; remove the password and upload it again."))
        ) from error
    except (CalamineError, ValueError, OSError) as error:
        raise TabularError(
            Message(
                gettext_noop(
                    "The file cannot be read as a spreadsheet; it may be damaged or in another format."
                )
            )
        ) from error
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


def _read_csv(data: bytes) -> list[list[str]]:
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(reader)
    except csv.Error as error:
        raise TabularError(
            Message(gettext_noop("The CSV file is malformed at line %(line)s."), {"line": reader.line_num})
        ) from error
