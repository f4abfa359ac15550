"""Spreadsheet columns ↔ engine columns, for running the engine offline on a county's own sheet.

``map_columns`` renames Chinese (or glossary) headers to glossary names, converts stated units
("实缴税金（元）" → 万元), trims text, reads 规上/规下 and 是/否, and checks numbers; columns it does not know
are kept as they are. Reading the file itself is done elsewhere (python-calamine).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.labels import label_key, split_suffix
from gaoxin.core.tabular.units import get_unit, parse_unit, scale_factor
from gaoxin.evaluation.engine.errors import InputError
from gaoxin.evaluation.engine.glossary import (
    ABOVE_SCALE,
    BELOW_SCALE,
    CREDIT_CODE,
    STANDARD_COLUMNS,
    ColumnType,
)
from gaoxin.evaluation.engine.scheme import Scheme

# Glossary name → Chinese headers; the first is the one written to spreadsheets.
LABELS: dict[str, tuple[str, ...]] = {
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "企业信用代码"),
    "name": ("企业名称", "单位名称", "名称"),
    "scale": ("企业规模", "规模", "是否规上", "规上/规下"),
    "industry_code": ("行业代码", "国民经济行业代码", "行业分类代码", "国民经济行业分类"),
    "park": ("所属园区", "园区"),
    "lessor_credit_code": ("出租方统一社会信用代码", "出租方信用代码", "出租方社会信用代码"),
    "registration_date": ("成立日期", "注册日期", "登记日期"),
    "tax": ("实缴税金", "评价税收", "税收", "实缴税收", "税收实际贡献"),
    "revenue": ("营业收入",),
    "main_revenue": ("主营业务收入",),
    "output_value": ("工业总产值",),
    "value_added": ("工业增加值", "增加值"),
    "energy_tce": ("综合能耗", "总能耗", "能耗"),
    "electricity_10k_kwh": ("用电量", "总用电量"),
    "emissions_t": ("主要污染物排放量", "污染物排放量", "排放量"),
    "rd_expense": ("R&D经费支出", "研发经费支出", "研发费用", "研发投入"),
    "employees": ("年平均职工人数", "从业人员", "职工人数", "从业人员数"),
    "land_mu": ("用地面积", "占地面积", "土地面积"),
}
UNITS: dict[str, str] = {
    "tax": "万元",
    "revenue": "万元",
    "main_revenue": "万元",
    "output_value": "万元",
    "value_added": "万元",
    "rd_expense": "万元",
    "energy_tce": "吨标准煤",
    "electricity_10k_kwh": "万千瓦时",
    "emissions_t": "吨",
    "land_mu": "亩",
}
_SCALES = {"规上": ABOVE_SCALE, "规模以上": ABOVE_SCALE, "是": ABOVE_SCALE, ABOVE_SCALE: ABOVE_SCALE}
_SCALES |= {"规下": BELOW_SCALE, "规模以下": BELOW_SCALE, "否": BELOW_SCALE, BELOW_SCALE: BELOW_SCALE}
_TRUE, _FALSE = ["是", "有", "√", "y", "yes", "true", "1"], ["否", "无", "×", "n", "no", "false", "0"]
_SHOWN = 10


def _lookup(scheme: Scheme | None, aliases: Mapping[str, str]) -> dict[str, str]:
    table = {label_key(name): name for name in STANDARD_COLUMNS}
    for name, labels in LABELS.items():
        table |= {label_key(label): name for label in labels}
    if scheme is not None:
        table |= {label_key(item.key): item.key for item in scheme.inputs}
        table |= {label_key(item.label): item.key for item in scheme.inputs}
    return table | {label_key(label): name for label, name in aliases.items()}


def _target(header: str, table: Mapping[str, str]) -> tuple[str, object] | tuple[None, None]:
    """(glossary name, factor to its unit) of a header, or (None, None) when it is not known."""
    key = label_key(header)
    if key in table:
        return table[key], 1
    parts = split_suffix(key)
    if parts is None or parts[0] not in table:
        return None, None
    name, unit = table[parts[0]], parse_unit(parts[1])
    canonical = UNITS.get(name)
    if unit is None or canonical is None or unit.family != get_unit(canonical).family:
        return name, None
    return name, scale_factor(unit, get_unit(canonical))


def _rows(mask: pl.Series, first_row: int) -> str:
    return ", ".join(str(row + first_row) for row in mask.arg_true()[:_SHOWN])


def _value(dtype: pl.DataType, kind: ColumnType, name: str, factor: object) -> tuple[pl.Expr, str | None]:
    """The converted column and the message for cells that could not be converted."""
    raw = pl.col("value")
    text = raw.cast(pl.String).str.strip_chars()
    if kind is ColumnType.NUMBER:
        number = (
            raw.cast(pl.Float64)
            if dtype.is_numeric()
            else text.str.replace_all(",", "").cast(pl.Float64, strict=False)
        )
        return number * float(factor), gettext_noop("Column %(column)s: rows %(rows)s are not numbers.")  # type: ignore[arg-type]
    if kind is ColumnType.BOOL:
        if dtype == pl.Boolean or dtype.is_numeric():
            return raw.cast(pl.Float64) != 0, None
        lowered = text.str.to_lowercase()
        flag = pl.when(lowered.is_in(_TRUE)).then(True).when(lowered.is_in(_FALSE)).then(False)
        return flag, gettext_noop("Column %(column)s: rows %(rows)s are neither 是 nor 否.")
    if kind is ColumnType.DATE:
        if dtype in (pl.Date, pl.Datetime):
            return raw.cast(pl.Date), None
        return text.str.to_date(strict=False), gettext_noop("Column %(column)s: rows %(rows)s are not dates.")
    if name == "scale":
        scale = text.replace_strict(_SCALES, default=None, return_dtype=pl.String)
        return scale, gettext_noop("Column %(column)s: rows %(rows)s are neither 规上 nor 规下.")
    return (text.str.to_uppercase() if name == CREDIT_CODE else text).replace("", None), None


def _convert(
    series: pl.Series, kind: ColumnType, name: str, factor: object, header: str, first_row: int
) -> tuple[pl.Series, list[Message]]:
    value, message = _value(series.dtype, kind, name, factor)
    text = pl.col("value").cast(pl.String).str.strip_chars()
    blank = text.is_null() | (text == "")
    converted = series.to_frame("value").select(value.alias(name), (~blank & value.is_null()).alias("bad"))
    if message is None or not converted["bad"].any():
        return converted[name], []
    return converted[name], [Message(message, {"column": header, "rows": _rows(converted["bad"], first_row)})]


def map_columns(
    frame: pl.DataFrame,
    scheme: Scheme | None = None,
    aliases: Mapping[str, str] | None = None,
    *,
    first_row: int = 2,
) -> pl.DataFrame:
    """``frame`` with known headers renamed to glossary (or the scheme's input) names and values converted.

    ``aliases`` maps further headers to names ("纳税总额" → "tax"). Raises ``InputError`` for two headers
    naming the same column, a unit that does not fit the column, and unreadable values, naming the
    spreadsheet rows: ``first_row`` is the row number of the frame's first row (2: the header is row 1).
    """
    table = _lookup(scheme, aliases or {})
    types = scheme.column_types if scheme is not None else dict(STANDARD_COLUMNS)
    problems: list[Message] = []
    seen: dict[str, str] = {}
    columns = []
    for header in frame.columns:
        name, factor = _target(header, table)
        if name is None:
            columns.append(frame[header])
            continue
        if name in seen:
            problems.append(
                Message(
                    gettext_noop("Columns %(first)s and %(second)s both give %(column)s."),
                    {"first": seen[name], "second": header, "column": name},
                )
            )
            continue
        seen[name] = header
        if factor is None:
            problems.append(
                Message(
                    gettext_noop("Column %(column)s states a unit that does not fit it."), {"column": header}
                )
            )
            continue
        series, found = _convert(
            frame[header], types.get(name, ColumnType.TEXT), name, factor, header, first_row
        )
        columns.append(series)
        problems += found
    if problems:
        raise InputError(problems)
    return pl.DataFrame(columns)
