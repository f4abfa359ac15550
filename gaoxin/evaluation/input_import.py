"""Importing further inputs (flags such as 高新技术企业 or 一票否决 lists, numbers such as sub-let counts) from
a spreadsheet: one row per enterprise, the credit code and one column per input, headed by its label or key.

A blank cell leaves the stored value as it is; 否 (or 0) records "no". All or nothing: any problem, named
by row and column, stores nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gaoxin.core.tabular.converters import control_character
from gaoxin.core.tabular.labels import label_key
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation.engine.columns import LABELS
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, ColumnType
from gaoxin.evaluation.engine.scheme import InputColumn
from gaoxin.evaluation.models import Scheme
from gaoxin.evaluation.offline import OfflineError, read_table

_TRUE = {"是", "有", "√", "y", "yes", "true", "1"}
_FALSE = {"否", "无", "×", "n", "no", "false", "0"}
_SHOWN = 30
_CODE_HEADERS = {label_key(label) for label in (*LABELS[CREDIT_CODE], CREDIT_CODE)}


def declared_columns() -> list[InputColumn]:
    """The further inputs the active schemes declare (the first declaration of a key wins)."""
    columns: dict[str, InputColumn] = {}
    for scheme in Scheme.objects.filter(is_active=True).order_by("name", "-created_at"):
        for column in scheme.parsed().inputs:
            columns.setdefault(column.key, column)
    return list(columns.values())


@dataclass
class InputSheet:
    values: dict[int, dict[str, object]] = field(default_factory=dict)  # enterprise id → {key: value}
    problems: list[str] = field(default_factory=list)


def _convert(column: InputColumn, text: str) -> object:
    """The value of a non-blank cell; ValueError when it does not fit the column's type, or, for a number, is
    not finite or outside the bounds the scheme declares; text with control characters is refused too."""
    kind = column.type
    if control_character(text) is not None:
        raise ValueError(text)
    if kind is ColumnType.BOOL:
        lowered = text.lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise ValueError(text)
    if kind is ColumnType.NUMBER:
        number = float(text.replace(",", ""))
        low, high = column.minimum, column.maximum
        if (
            not math.isfinite(number)
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            raise ValueError(text)
        return number
    if kind is ColumnType.DATE:
        return dt.date.fromisoformat(text[:10]).isoformat()
    return text


def read_inputs(data: bytes, filename: str, year: int, columns: list[InputColumn]) -> InputSheet:
    sheet = InputSheet()
    try:
        table = read_table(data, filename)
    except OfflineError as error:
        sheet.problems = error.problems
        return sheet
    by_header = {label_key(column.label): column for column in columns} | {
        label_key(column.key): column for column in columns
    }
    headers = {
        name: by_header[label_key(name)] for name in table.frame.columns if label_key(name) in by_header
    }
    code_header = next((name for name in table.frame.columns if label_key(name) in _CODE_HEADERS), None)
    if code_header is None or not headers:
        sheet.problems.append(
            _("No column names one of the inputs: %(labels)s.")
            % {"labels": "、".join(c.label for c in columns)}
        )
        return sheet
    enterprises = dict(
        EnterpriseYear.objects.filter(year=year).values_list("enterprise__credit_code", "enterprise_id")
    )
    for offset, row in enumerate(table.frame.iter_rows(named=True)):
        number = table.first_row + offset
        code = (row[code_header] or "").strip().upper()
        if not code and not any((row[header] or "").strip() for header in headers):
            continue
        if code not in enterprises:
            sheet.problems.append(
                _("Row %(row)d: no enterprise with credit code %(code)s has data for %(year)d.")
                % {"row": number, "code": code or "—", "year": year}
            )
            continue
        for header, column in headers.items():
            text = (row[header] or "").strip()
            if not text:
                continue
            try:
                value = _convert(column, text)
            except ValueError:
                sheet.problems.append(
                    _("Row %(row)d, column %(column)s: %(value)s does not fit.")
                    % {"row": number, "column": header, "value": text}
                )
                continue
            sheet.values.setdefault(enterprises[code], {})[column.key] = value
    sheet.problems = sheet.problems[:_SHOWN] + (
        [_("… and %(n)d more problems.") % {"n": len(sheet.problems) - _SHOWN}]
        if len(sheet.problems) > _SHOWN
        else []
    )
    return sheet
