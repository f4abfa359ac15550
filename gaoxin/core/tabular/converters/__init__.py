"""Per-column converters: raw cell value → Python value, or a ConversionError with a message (``base`` has what
they share; ``text``, ``numbers`` and ``dates`` the converters by kind of column)."""

from gaoxin.core.tabular.converters.base import (
    CellValue,
    Convert,
    Converter,
    Limits,
    control_character,
    display_value,
)
from gaoxin.core.tabular.converters.dates import Date, Year
from gaoxin.core.tabular.converters.numbers import Integer, Number, Percent
from gaoxin.core.tabular.converters.text import Boolean, Choice, Code, Text

__all__ = [
    "Boolean",
    "CellValue",
    "Choice",
    "Code",
    "Convert",
    "Converter",
    "Date",
    "Integer",
    "Limits",
    "Number",
    "Percent",
    "Text",
    "Year",
    "control_character",
    "display_value",
]
