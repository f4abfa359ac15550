"""Converters of number columns: decimals, integers, percentages, each within its bounds."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gaoxin.core.messages import gettext_noop
from gaoxin.core.tabular.converters.base import (
    _EXACT_INTEGER_LIMIT,
    _PERCENT_SIGNS,
    _SHORT_REPR,
    CellValue,
    Convert,
    Converter,
    Limits,
    _bounds_text,
    _decimal_or_none,
    _out_of_bounds,
    _parse_decimal_text,
    _shown_number,
    _tighter,
    _to_decimal,
    _too_large,
    display_value,
)
from gaoxin.core.tabular.errors import ConversionError, gettext


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
