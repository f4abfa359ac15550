"""Real files for the tests: .xlsx written with xlsxwriter, .xls with xlwt, .csv in a chosen encoding.

Rows are lists of cell values; None leaves a cell empty. ``merges`` are (first_row, first_col, last_row,
last_col) ranges, 0-based, whose value is the one at their top-left position in ``rows``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

import xlsxwriter
import xlwt

Cell = str | float | int | bool | dt.date | None
Merge = tuple[int, int, int, int]


def xlsx(rows: Sequence[Sequence[Cell]], sheet: str = "企业名录", merges: Sequence[Merge] = ()) -> bytes:
    return xlsx_sheets({sheet: (rows, merges)})


def xlsx_sheets(sheets: dict[str, tuple[Sequence[Sequence[Cell]], Sequence[Merge]]]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, (rows, merges) in sheets.items():
        worksheet = workbook.add_worksheet(name)
        merged_cells = set()
        for first_row, first_col, last_row, last_col in merges:
            worksheet.merge_range(first_row, first_col, last_row, last_col, rows[first_row][first_col] or "")
            merged_cells |= {
                (row, col) for row in range(first_row, last_row + 1) for col in range(first_col, last_col + 1)
            }
        for row_index, row in enumerate(rows):
            for col_index, value in enumerate(row):
                if value is None or (row_index, col_index) in merged_cells:
                    continue
                if isinstance(value, bool):
                    worksheet.write_boolean(row_index, col_index, value)
                elif isinstance(value, int | float):
                    worksheet.write_number(row_index, col_index, value)
                elif isinstance(value, dt.date):
                    worksheet.write_datetime(row_index, col_index, value, date_format)
                else:
                    worksheet.write_string(row_index, col_index, value)
    workbook.close()
    return buffer.getvalue()


def xls(rows: Sequence[Sequence[Cell]], sheet: str = "企业名录", merges: Sequence[Merge] = ()) -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged_cells = set()
    for first_row, first_col, last_row, last_col in merges:
        worksheet.write_merge(first_row, last_row, first_col, last_col, rows[first_row][first_col])
        merged_cells |= {
            (row, col) for row in range(first_row, last_row + 1) for col in range(first_col, last_col + 1)
        }
    for row_index, row in enumerate(rows):
        for col_index, value in enumerate(row):
            if value is None or (row_index, col_index) in merged_cells:
                continue
            if isinstance(value, dt.date):
                worksheet.write(row_index, col_index, value, date_style)
            else:
                worksheet.write(row_index, col_index, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[Cell]], encoding: str, delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(
        [["" if value is None else value for value in row] for row in rows]
    )
    return text.getvalue().encode(encoding)
