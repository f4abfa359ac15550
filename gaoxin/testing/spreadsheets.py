"""Checks on the xlsx files the platform writes: hostile texts must arrive as plain text cells."""

from __future__ import annotations

import io
import re
import zipfile

from python_calamine import CalamineWorkbook

# Texts that a careless xlsx writer turns into a formula, a hyperlink or a number.
HOSTILE_TEXTS = ('=HYPERLINK("http://x","y")', "=1+1", "http://evil.example/")


def assert_text_cells(content: bytes, *texts: str) -> None:
    """Every one of ``texts`` is a cell of the workbook, and no sheet holds a formula or a hyperlink."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                xml = archive.read(name).decode()
                assert "<f>" not in xml, f"{name} holds a formula"
                assert "<f " not in xml, f"{name} holds a formula"
                assert "<hyperlink" not in xml, f"{name} holds a hyperlink"
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = {
        cell
        for sheet in book.sheet_names
        for row in book.get_sheet_by_name(sheet).to_python()
        for cell in row
    }
    missing = [text for text in texts if text not in cells]
    assert not missing, f"not written as text: {missing}"
