"""Real spreadsheet files built in tests: .xlsx (xlsxwriter), .xls (xlwt) and .csv in GBK or UTF-8."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter
import xlwt


def xlsx(
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    merge: Sequence[tuple[int, int, int, int, object]] = (),
) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    for first_row, first_col, last_row, last_col, value in merge:
        ws.merge_range(first_row, first_col, last_row, last_col, value)
    book.close()
    return out.getvalue()


def xls(rows: Sequence[Sequence[object]], *, sheet: str = "Sheet1") -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv(rows: Sequence[Sequence[object]], *, encoding: str = "gbk") -> bytes:
    text = "\r\n".join(",".join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    return text.encode(encoding)
