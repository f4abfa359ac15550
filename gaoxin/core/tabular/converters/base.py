"""What every per-column converter shares: the Converter base, bounds, text and number helpers, control characters.

Per-column converters: raw cell value → Python value, or a ConversionError with a message.

A converter is configured once per column and compiled into a closure per sheet (``compile``), so the
hot loop over 100,000 rows makes one plain function call per cell, with the common case (a float or a
clean string) tested first and no regular expression on it. Compiled converters return None for an empty
cell (``""`` or blank text). Raw values are what python-calamine returns (str, float, int, bool, date,
datetime, time, timedelta) or strings from a CSV file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeAlias

from gaoxin.core.messages import gettext_noop
from gaoxin.core.tabular.errors import ConversionError, gettext

CellValue: TypeAlias = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta
Convert: TypeAlias = Callable[[CellValue], object]

# Excel keeps 15 significant digits; a longer integer typed as a number has already lost digits.
_EXACT_INTEGER_LIMIT = 1e15
# repr() of a float with at most 15 significant digits fits in 16 characters (digits plus "." or "-").
_SHORT_REPR = 16
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_EXCEL_SERIAL = 2_958_465  # 9999-12-31
# Cells that mean "no value" in government sheets; number, date and year converters read them as empty.
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/"})
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:[, ]\d{3})+(?:\.\d*)?")
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_TEXT = re.compile(r"(\d{4})\s*(?:年度|年)?")
# Applied before NFKC, which would not map these to ASCII.
_NUMBER_PUNCTUATION = str.maketrans({"。": ".", "−": "-", "\u3000": " ", "\xa0": " "})
_PERCENT_SIGNS = ("%", "％")
_NOT_A_NUMBER = gettext_noop('"%(value)s" is not a number')
# Control characters a cell may not hold (PostgreSQL cannot store NUL; the others are invisible garbage).
# Tab, line feed and carriage return are whitespace: single-line text turns them into spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


@dataclass(frozen=True)
class Limits:
    """What a column's storage and meaning allow, applied to a converter with ``Converter.within``.

    ``minimum``/``maximum`` bound numbers (Decimal), years (int) or dates; ``places`` is the number of decimals
    kept; ``max_length`` bounds text. Derived from a model field by ``core.field_limits``.
    """

    minimum: object = None
    maximum: object = None
    places: int | None = None
    max_length: int | None = None


def _tighter(current: Any, given: Any, *, upper: bool) -> Any:
    """The tighter of two bounds, either possibly None: the smaller of two upper bounds, the larger of two lower."""
    if current is None or given is None:
        return given if current is None else current
    return min(current, given) if upper else max(current, given)


def display_value(value: object) -> str:
    """A raw cell value as the user saw it in Excel, for messages."""
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 50 else text[:49] + "…"


def _number_text(value: float) -> str:
    """A number cell as text: 13800000000.0 → "13800000000", 12.5 → "12.5".

    Raises for an integer of 16 or more digits: Excel has already replaced its last digits.
    """
    if value.is_integer():
        if abs(value) >= _EXACT_INTEGER_LIMIT:
            raise ConversionError(
                gettext_noop(
                    "the number %(value)s is too long to be kept exactly; format the column as text and "
                    "type it again"
                ),
                value=display_value(value),
            )
        return str(int(value))
    return format(value, ".15g")


def _to_text(value: CellValue) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _float_decimal(value: float) -> Decimal:
    """The number Excel shows (15 significant digits): 0.1 + 0.2 → Decimal("0.3"), not 0.3000…04."""
    if value.is_integer() and -_EXACT_INTEGER_LIMIT < value < _EXACT_INTEGER_LIMIT:
        return Decimal(int(value))
    text = repr(value)
    return Decimal(text if len(text) <= _SHORT_REPR else format(value, ".15g"))


def _parse_decimal_text(text: str) -> Decimal | None:
    """Number typed as text: "1,234.5", "1 234", full-width digits, "1.2E+5"; None if blank or "-"."""
    s = text.strip()
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s.translate(_NUMBER_PUNCTUATION)).strip()
    if not s or s in _PLACEHOLDERS:
        return None
    if "," in s or " " in s:
        if _GROUPED_NUMBER.fullmatch(s) is None:
            raise ConversionError(_NOT_A_NUMBER, value=display_value(text))
        s = s.replace(",", "").replace(" ", "")
    try:
        number = Decimal(s)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or "_" in s:
        raise ConversionError(_NOT_A_NUMBER, value=display_value(text))
    return number


def _to_decimal(value: CellValue) -> Decimal | None:
    if type(value) is float:
        return _float_decimal(value)
    if type(value) is str:
        return _parse_decimal_text(value)
    if type(value) is int:
        return Decimal(value)
    raise ConversionError(_NOT_A_NUMBER, value=display_value(value))


def _out_of_bounds(
    number: Decimal, min_value: Decimal | None, max_value: Decimal | None, shown: Callable[[Decimal], str]
) -> ConversionError:
    if min_value is not None and number < min_value:
        return ConversionError(gettext_noop("must be at least %(limit)s"), limit=shown(min_value))
    return ConversionError(
        gettext_noop("must be at most %(limit)s"), limit="" if max_value is None else shown(max_value)
    )


def _shown_number(limit: Decimal) -> str:
    """A bound as people write it: 1000000000 → "1,000,000,000", 0.5000 → "0.5"."""
    text = f"{limit.normalize():,f}"
    return text


def _too_large(number: Decimal) -> ConversionError:
    return ConversionError(gettext_noop("%(value)s is too large"), value=f"{number:.6g}")


def _bounds_text(kind: str, min_value: object, max_value: object) -> str:
    if min_value is not None and max_value is not None:
        return gettext("%(kind)s, from %(min)s to %(max)s") % {
            "kind": kind,
            "min": min_value,
            "max": max_value,
        }
    if min_value is not None:
        return gettext("%(kind)s, at least %(min)s") % {"kind": kind, "min": min_value}
    if max_value is not None:
        return gettext("%(kind)s, at most %(max)s") % {"kind": kind, "max": max_value}
    return kind


def _decimal_or_none(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _choice_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _clean_code(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).removeprefix("'").upper()


def control_character(text: str) -> str | None:
    """The first control character of ``text`` as "U+0000", or None; tab and line breaks are allowed."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found[0]):04X}"


def _refuse_control(text: str) -> None:
    code = control_character(text)
    if code is not None:
        raise ConversionError(gettext_noop("contains the control character %(code)s"), code=code)


class Converter(ABC):
    """How one column's cells are read, described and written back."""

    # Whether a header unit may scale this column's numbers (see Column.unit).
    scalable: ClassVar[bool] = False
    # Whether a ratio unit in the header ("比重(%)") scales plain numbers (percent columns).
    ratio_header: ClassVar[bool] = False
    # xlsxwriter number format for writing; "@" is text.
    num_format: str = "@"
    # Default column width in characters for writing.
    width: int = 14

    @abstractmethod
    def compile(self, scale: Decimal | None = None) -> Convert:
        """The per-cell function for a sheet; ``scale`` multiplies numbers (header unit → column unit)."""

    @abstractmethod
    def describe(self) -> str:
        """What to type in the column, in the user's language, for the template instructions."""

    def to_cell(self, value: object) -> object:
        """A parsed value as written to a spreadsheet cell (the inverse of the compiled converter)."""
        return value

    def allowed_values(self) -> tuple[str, ...]:
        """The values to offer in a template's drop-down list (empty: free input)."""
        return ()

    def within(self, limits: Limits) -> Converter:
        """This converter also keeping to ``limits`` (the tighter of its own bounds and those)."""
        return self
