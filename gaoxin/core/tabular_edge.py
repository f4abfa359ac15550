"""The Django edge of the pure spreadsheet layer (``gaoxin.core.tabular``).

The package imports no Django; this module hands it what only Django knows: the translation of the active
language (installed once, when the core app is ready) and the read limits of the deployment's settings
(``IMPORT_MAX_*``), which every import passes to ``read_workbook``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext

from gaoxin.core.tabular.errors import translate_with
from gaoxin.core.tabular.limits import MB, ReadLimits


def install() -> None:
    """Translate the package's messages, template texts and descriptions into the active language."""
    translate_with(gettext)


def import_limits() -> ReadLimits:
    """The limits configured in the settings (``IMPORT_MAX_*``)."""
    return ReadLimits(
        max_rows=settings.IMPORT_MAX_ROWS,
        max_columns=settings.IMPORT_MAX_COLUMNS,
        max_cells=settings.IMPORT_MAX_CELLS,
        max_sheets=settings.IMPORT_MAX_SHEETS,
        max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_MB * MB,
        max_ratio=settings.IMPORT_MAX_RATIO,
    )
