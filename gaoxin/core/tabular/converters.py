"""Per-column converters: raw cell value → Python value, or a ConversionError with a message.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar, TypeAlias

from gaoxin.core.tabular.errors import ConversionError, gettext, gettext_noop

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


class Text(Converter):
    """Free text, stripped; a number cell becomes its digits without ".0"."""

    width = 24

    def __init__(self, max_length: int | None = None, *, multiline: bool = False) -> None:
        self.max_length = max_length
        self.multiline = multiline

    def compile(self, scale: Decimal | None = None) -> Convert:
        max_length, multiline = self.max_length, self.multiline

        def convert(value: CellValue) -> str | None:
            text = value.strip() if type(value) is str else _to_text(value)
            if not text.isprintable():  # rare: only then look for what is not printable
                _refuse_control(text)
                if not multiline:
                    text = _LINE_BREAKS.sub(" ", text)
            if max_length is not None and len(text) > max_length:
                raise ConversionError(gettext_noop("is longer than %(limit)s characters"), limit=max_length)
            return text or None

        return convert

    def within(self, limits: Limits) -> Converter:
        length = _tighter(self.max_length, limits.max_length, upper=True)
        return Text(length, multiline=self.multiline)

    def describe(self) -> str:
        if self.max_length is None:
            return gettext("Text")
        return gettext("Text, at most %(limit)s characters") % {"limit": self.max_length}


class Code(Converter):
    """Identifiers kept as text: credit codes, certificate numbers, phone numbers, industry codes.

    Full-width characters become half-width, letters upper case, inner whitespace is removed, and a
    leading apostrophe (a CSV trick to force text) is dropped. A number cell gives its digits
    (13800000000.0 → "13800000000"). ``check`` receives the cleaned code and returns a msgid (without
    parameters) when the code is invalid, e.g. a failed check character.
    """

    width = 22

    def __init__(
        self, max_length: int | None = None, check: Callable[[str], str | None] | None = None
    ) -> None:
        self.max_length = max_length
        self.check = check

    def compile(self, scale: Decimal | None = None) -> Convert:
        max_length, check = self.max_length, self.check

        def convert(value: CellValue) -> str | None:
            if type(value) is str:
                code = value.strip().upper()
                if not (code.isascii() and code.isalnum()):
                    code = _clean_code(code)
            elif type(value) is float and value.is_integer() and 0 <= value < _EXACT_INTEGER_LIMIT:
                code = str(int(value))  # a phone number or code typed as a number
            else:
                code = _clean_code(_to_text(value))
            if not code:
                return None
            if not code.isprintable():
                _refuse_control(code)
            if max_length is not None and len(code) > max_length:
                raise ConversionError(gettext_noop("is longer than %(limit)s characters"), limit=max_length)
            if check is not None:
                problem = check(code)
                if problem is not None:
                    raise ConversionError(problem)
            return code

        return convert

    def describe(self) -> str:
        return gettext("Code, typed as text")


class Number(Converter):
    """Exact numbers as Decimal. Bounds apply after unit conversion; ``places`` rounds half up.

    A number cell is read as Excel shows it (15 significant digits); text may use thousands separators
    ("1,234.5", "1 234") and full-width digits; "-", "—" and "/" mean no value.
    """

    scalable = True
    num_format = "#,##0.00##"

    def __init__(
        self,
        min_value: Decimal | int | str | None = None,
        max_value: Decimal | int | str | None = None,
        places: int | None = None,
    ) -> None:
        self.min_value = _decimal_or_none(min_value)
        self.max_value = _decimal_or_none(max_value)
        self.places = places
        if places is not None:
            self.num_format = "#,##0." + "0" * places if places else "#,##0"

    def within(self, limits: Limits) -> Converter:
        low = _tighter(self.min_value, limits.minimum, upper=False)
        high = _tighter(self.max_value, limits.maximum, upper=True)
        places = _tighter(self.places, limits.places, upper=True)
        return Number(low, high, places)

    def compile(self, scale: Decimal | None = None) -> Convert:
        min_value, max_value = self.min_value, self.max_value
        quantum = None if self.places is None else Decimal(1).scaleb(-self.places)

        def convert(value: CellValue) -> Decimal | None:
            if type(value) is float:  # _float_decimal inlined: this is the hottest path of an import
                if value.is_integer() and -_EXACT_INTEGER_LIMIT < value < _EXACT_INTEGER_LIMIT:
                    number = Decimal(int(value))
                else:
                    text = repr(value)
                    number = Decimal(text if len(text) <= _SHORT_REPR else format(value, ".15g"))
            else:
                parsed = _to_decimal(value)
                if parsed is None:
                    return None
                number = parsed
            if scale is not None:
                number *= scale
            if (min_value is not None and number < min_value) or (
                max_value is not None and number > max_value
            ):
                raise _out_of_bounds(number, min_value, max_value, _shown_number)
            if quantum is not None:
                try:
                    number = number.quantize(quantum, ROUND_HALF_UP)
                except InvalidOperation:  # more digits than the context holds: far beyond any column
                    raise _too_large(number) from None
                if max_value is not None and number > max_value:  # rounded up past the bound
                    raise _out_of_bounds(number, min_value, max_value, _shown_number)
            return number

        return convert

    def describe(self) -> str:
        return _bounds_text(gettext("Number"), self.min_value, self.max_value)


class Integer(Converter):
    """Whole numbers (int): 12, 12.0, "1,234"; 12.5 is an error."""

    num_format = "#,##0"
    width = 12

    def __init__(self, min_value: int | None = None, max_value: int | None = None) -> None:
        self.min_value = min_value
        self.max_value = max_value

    def within(self, limits: Limits) -> Converter:
        low = _tighter(self.min_value, limits.minimum, upper=False)
        high = _tighter(self.max_value, limits.maximum, upper=True)
        return Integer(int(low) if low is not None else None, int(high) if high is not None else None)

    def compile(self, scale: Decimal | None = None) -> Convert:
        min_value = _decimal_or_none(self.min_value)
        max_value = _decimal_or_none(self.max_value)

        def convert(value: CellValue) -> int | None:
            number = _to_decimal(value)
            if number is None:
                return None
            if (min_value is not None and number < min_value) or (
                max_value is not None and number > max_value
            ):
                raise _out_of_bounds(number, min_value, max_value, _shown_number)
            if number != number.to_integral_value():
                raise ConversionError(
                    gettext_noop('"%(value)s" is not a whole number'), value=display_value(value)
                )
            return int(number)

        return convert

    def describe(self) -> str:
        return _bounds_text(gettext("Whole number"), self.min_value, self.max_value)


class Percent(Converter):
    """Ratios stored as fractions: "3.02%" → 0.0302 and 0.0302 stays.

    Plain numbers are fractions unless the header states a ratio unit ("比重(%)"), in which case they
    are percentage points (3.02 → 0.0302). A cell formatted as a percentage in Excel holds the fraction.
    Bounds are fractions and shown as percentages.
    """

    ratio_header = True
    num_format = "0.00%"
    width = 12

    def __init__(
        self, min_value: Decimal | int | str | None = None, max_value: Decimal | int | str | None = None
    ) -> None:
        self.min_value = _decimal_or_none(min_value)
        self.max_value = _decimal_or_none(max_value)

    def compile(self, scale: Decimal | None = None) -> Convert:
        min_value, max_value = self.min_value, self.max_value
        hundredth = Decimal("0.01")

        def shown(limit: Decimal) -> str:
            return f"{(limit * 100).normalize():f}%"

        def convert(value: CellValue) -> Decimal | None:
            if type(value) is str and value.rstrip().endswith(_PERCENT_SIGNS):
                try:
                    points = _parse_decimal_text(value.rstrip()[:-1])
                except ConversionError:
                    points = None
                if points is None:
                    raise ConversionError(
                        gettext_noop('"%(value)s" is not a percentage'), value=display_value(value)
                    )
                number = points * hundredth
            else:
                parsed = _to_decimal(value)
                if parsed is None:
                    return None
                number = parsed if scale is None else parsed * scale
            if (min_value is not None and number < min_value) or (
                max_value is not None and number > max_value
            ):
                raise _out_of_bounds(number, min_value, max_value, shown)
            return number

        return convert

    def describe(self) -> str:
        return gettext("Percentage, e.g. 3.02%% or 0.0302") % {}


class Date(Converter):
    """Dates from date cells, Excel serial numbers, and "2024-01-05", "2024/1/5", "2024.1.5",
    "2024年1月5日", "20240105" (a time part after the date is ignored)."""

    num_format = "yyyy-mm-dd"
    width = 12

    def __init__(self, min_value: dt.date | None = None, max_value: dt.date | None = None) -> None:
        self.min_value = min_value
        self.max_value = max_value

    def within(self, limits: Limits) -> Converter:
        low = _tighter(self.min_value, limits.minimum, upper=False)
        high = _tighter(self.max_value, limits.maximum, upper=True)
        return Date(low, high)

    def compile(self, scale: Decimal | None = None) -> Convert:
        min_value, max_value = self.min_value, self.max_value

        def read(value: CellValue) -> dt.date | None:
            if type(value) is dt.date:
                return value
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, float | int) and not isinstance(value, bool):
                if 1 <= value <= _LAST_EXCEL_SERIAL:
                    return _EXCEL_EPOCH + dt.timedelta(days=int(value))
            elif isinstance(value, str):
                text = value.strip()
                if not text.isascii():
                    text = unicodedata.normalize("NFKC", text)
                if not text or text in _PLACEHOLDERS:
                    return None
                match = _DATE_TEXT.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
                if match is not None:
                    try:
                        return dt.date(int(match[1]), int(match[2]), int(match[3]))
                    except ValueError:
                        pass
            raise ConversionError(
                gettext_noop('"%(value)s" is not a date (e.g. 2024-01-05)'), value=display_value(value)
            )

        if min_value is None and max_value is None:
            return read

        def convert(value: CellValue) -> dt.date | None:
            date = read(value)
            if date is not None and (
                (min_value is not None and date < min_value) or (max_value is not None and date > max_value)
            ):
                raise ConversionError(
                    gettext_noop("must be a date from %(min)s to %(max)s"),
                    min=(min_value or dt.date.min).isoformat(),
                    max=(max_value or dt.date.max).isoformat(),
                )
            return date

        return convert

    def describe(self) -> str:
        return gettext("Date, e.g. 2024-01-05")


class Year(Converter):
    """A year: 2024, 2024.0, "2024", "2024年", "2024年度", within [min_value, max_value]."""

    num_format = "0"
    width = 8

    def __init__(self, min_value: int = 1900, max_value: int = 2100) -> None:
        self.min_value = min_value
        self.max_value = max_value

    def within(self, limits: Limits) -> Converter:
        low = _tighter(self.min_value, limits.minimum, upper=False)
        high = _tighter(self.max_value, limits.maximum, upper=True)
        return Year(int(low), int(high))

    def compile(self, scale: Decimal | None = None) -> Convert:
        min_value, max_value = self.min_value, self.max_value

        def convert(value: CellValue) -> int | None:
            year: int | None = None
            if (type(value) is float and value.is_integer()) or type(value) is int:
                year = int(value)
            elif isinstance(value, str):
                text = unicodedata.normalize("NFKC", value).strip()
                if not text or text in _PLACEHOLDERS:
                    return None
                match = _YEAR_TEXT.fullmatch(text)
                if match is not None:
                    year = int(match[1])
            if year is None:
                raise ConversionError(gettext_noop('"%(value)s" is not a year'), value=display_value(value))
            if not min_value <= year <= max_value:
                raise ConversionError(
                    gettext_noop("must be a year from %(min)s to %(max)s"), min=min_value, max=max_value
                )
            return year

        return convert

    def describe(self) -> str:
        return gettext("Year, e.g. 2024")


class Choice(Converter):
    """Labels users type ("规上") → stored codes ("above_scale"); codes themselves are accepted too.

    ``choices`` maps label → code, ``aliases`` further accepted labels → code. Matching ignores
    whitespace, case and full-width forms.
    """

    def __init__(self, choices: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> None:
        self.choices = dict(choices)
        self.aliases = dict(aliases or {})
        unknown = set(self.aliases.values()) - set(self.choices.values())
        if unknown:
            raise ValueError(f"aliases name unknown codes: {sorted(unknown)}")
        self.labels = {code: label for label, code in self.choices.items()}
        self.width = max(8, *(2 * len(label) + 4 for label in self.choices))

    def compile(self, scale: Decimal | None = None) -> Convert:
        lookup: dict[str, str] = {}
        for label, code in (*self.choices.items(), *self.aliases.items()):
            for name in (label, code):
                lookup[name] = code
                lookup[_choice_key(name)] = code
        allowed = "、".join(self.choices)

        def convert(value: CellValue) -> str | None:
            code = lookup.get(value) if type(value) is str else None
            if code is not None:
                return code
            text = _to_text(value)
            if not text:
                return None
            code = lookup.get(_choice_key(text))
            if code is None:
                raise ConversionError(
                    gettext_noop('"%(value)s" is not one of the allowed values: %(choices)s'),
                    value=display_value(value),
                    choices=allowed,
                )
            return code

        return convert

    def describe(self) -> str:
        return gettext("One of: %(choices)s") % {"choices": "、".join(self.choices)}

    def to_cell(self, value: object) -> object:
        return self.labels.get(str(value), value)

    def allowed_values(self) -> tuple[str, ...]:
        return tuple(self.choices)


_BOOLEANS = {
    **dict.fromkeys(("是", "y", "yes", "true", "1", "√", "✓", "对"), True),
    **dict.fromkeys(("否", "n", "no", "false", "0", "×", "✗", "x", "错"), False),
}


class Boolean(Converter):
    """是/否 (also Y/N, yes/no, true/false, 1/0, √/×, and boolean cells)."""

    width = 10

    def compile(self, scale: Decimal | None = None) -> Convert:
        def convert(value: CellValue) -> bool | None:
            if type(value) is str:
                result = _BOOLEANS.get(value)
                if result is not None:
                    return result
                key = _choice_key(value)
                if not key:
                    return None
                result = _BOOLEANS.get(key)
                if result is not None:
                    return result
            elif isinstance(value, bool):
                return value
            elif isinstance(value, float | int) and value in (0, 1):
                return value == 1
            raise ConversionError(gettext_noop('"%(value)s" is not yes or no'), value=display_value(value))

        return convert

    def describe(self) -> str:
        return gettext("Yes or no")

    def to_cell(self, value: object) -> object:
        return gettext("Yes") if value else gettext("No")

    def allowed_values(self) -> tuple[str, ...]:
        return (gettext("Yes"), gettext("No"))
