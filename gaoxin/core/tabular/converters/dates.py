"""Converters of date and year columns: Excel serials, dates typed as text, years."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

from gaoxin.core.messages import gettext_noop
from gaoxin.core.tabular.converters.base import (
    _COMPACT_DATE,
    _DATE_TEXT,
    _EXCEL_EPOCH,
    _LAST_EXCEL_SERIAL,
    _PLACEHOLDERS,
    _YEAR_TEXT,
    CellValue,
    Convert,
    Converter,
    Limits,
    _tighter,
    display_value,
)
from gaoxin.core.tabular.errors import ConversionError, gettext


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
