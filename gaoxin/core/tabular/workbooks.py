"""Every xlsx workbook the platform writes is opened here (pure: xlsxwriter only, no Django).

By default xlsxwriter's ``write()`` turns a text that starts with "=" into a formula and one that looks like a
URL into a hyperlink, so an enterprise named ``=HYPERLINK("http://x","y")`` would become a live link or formula
in the reader's Excel. Workbooks opened with ``new_workbook`` write every text as text; a formula or link is
written only by an explicit ``write_formula`` / ``write_url``.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from xlsxwriter.workbook import Workbook

TEXT_STAYS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(
    target: str | Path | BinaryIO, *, constant_memory: bool = True, **options: object
) -> Workbook:
    """An xlsxwriter workbook writing to ``target`` in which text stays text.

    ``constant_memory`` streams rows (each row must be written in order, before the next); pass False for a
    workbook written out of order (merged ranges above data written later, several passes over a sheet).
    Other xlsxwriter ``options`` are passed through; the text options always win.
    """
    settings: dict[str, object] = {**options, **TEXT_STAYS_TEXT, "constant_memory": constant_memory}
    if isinstance(target, Path):
        target = str(target)
    return Workbook(target, settings)
