"""Every xlsx the platform writes keeps text as text: a name like ``=HYPERLINK(…)`` is never a formula or link."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import xlsxwriter

import gaoxin
from gaoxin.core.tabular import Column, TableSpec, Text, write_xlsx
from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells


@pytest.mark.parametrize("constant_memory", [True, False])
def test_write_and_write_row_keep_formulas_and_links_as_text(constant_memory: bool) -> None:
    buffer = io.BytesIO()
    book = new_workbook(buffer, constant_memory=constant_memory)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HOSTILE_TEXTS)
    for row, text in enumerate(HOSTILE_TEXTS, start=1):
        sheet.write(row, 0, text)
    book.close()
    assert_text_cells(buffer.getvalue(), *HOSTILE_TEXTS)


def test_the_check_catches_xlsxwriters_defaults() -> None:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    book.add_worksheet().write_row(0, 0, HOSTILE_TEXTS)
    book.close()
    with pytest.raises(AssertionError, match="formula"):
        assert_text_cells(buffer.getvalue(), *HOSTILE_TEXTS)


def test_the_table_writer_keeps_text_as_text() -> None:
    spec = TableSpec(columns=(Column("name", "企业名称", converter=Text()),))
    content = write_xlsx(spec, [{"name": text} for text in HOSTILE_TEXTS], "企业")
    assert_text_cells(content, *HOSTILE_TEXTS)


def test_every_workbook_is_opened_through_new_workbook() -> None:
    package = Path(gaoxin.__file__).parent
    opened_elsewhere = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and "testing" not in path.parts  # test support writes hostile files on purpose
        and path.name != "workbooks.py"
        and path.name != "hostile_files.py"  # writes formulas and bombs on purpose, to be refused
        and re.search(r"\bWorkbook\(", path.read_text(encoding="utf-8"))
    ]
    assert opened_elsewhere == []


def test_a_workbook_is_written_to_a_path(tmp_path: Path) -> None:
    target = tmp_path / "表.xlsx"
    book = new_workbook(target)
    book.add_worksheet().write_string(0, 0, HOSTILE_TEXTS[0])
    book.close()
    assert_text_cells(target.read_bytes(), HOSTILE_TEXTS[0])
