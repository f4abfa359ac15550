"""The spreadsheet in/out layer every gaoxin import and export uses.

Read a file (``read_workbook``), parse a sheet against a ``TableSpec`` of ``Column``s (``parse_sheet`` /
``parse_workbook``), and write data or an empty template back (``write_xlsx`` / ``template_xlsx``).
No Django, no models, no database: plain values in, plain values out. Messages are translated through the
function the Django edge hands in (``gaoxin.core.tabular_edge``), which also builds the deployment's read limits.
"""

from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import (
    Boolean,
    Choice,
    Code,
    Converter,
    Date,
    Integer,
    Number,
    Percent,
    Text,
    Year,
)
from gaoxin.core.tabular.errors import CellError, ConversionError, TabularError
from gaoxin.core.tabular.headers import BoundColumn, HeaderLayout, locate_header, select_sheet
from gaoxin.core.tabular.parsing import parse_sheet, parse_workbook
from gaoxin.core.tabular.reading import RawSheet, read_workbook
from gaoxin.core.tabular.results import ParsedRow, ParseResult
from gaoxin.core.tabular.validation import RowIssue, Validator, each_row, unique
from gaoxin.core.tabular.writing import template_xlsx, write_xlsx

__all__ = [
    "Boolean",
    "BoundColumn",
    "CellError",
    "Choice",
    "Code",
    "Column",
    "ConversionError",
    "Converter",
    "Date",
    "HeaderLayout",
    "Integer",
    "Number",
    "ParseResult",
    "ParsedRow",
    "Percent",
    "RawSheet",
    "RowIssue",
    "TableSpec",
    "TabularError",
    "Text",
    "Validator",
    "Year",
    "each_row",
    "locate_header",
    "parse_sheet",
    "parse_workbook",
    "read_workbook",
    "select_sheet",
    "template_xlsx",
    "unique",
    "write_xlsx",
]
