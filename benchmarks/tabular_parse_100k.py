"""Parsing a 100,000-row × 20-column yearly-data sheet with gaoxin.core.tabular.

The workbook is generated deterministically with xlsxwriter: a title row, a header whose money columns state
元, 万元 or 亿元 (so half of them are converted), number-typed phone numbers, text credit codes, dates, choices,
percentages, and 1 % of rows carrying a bad value. The value is the best of three timings of ``parse_sheet``
(header detection, conversion of every cell, required checks and a duplicate-key validator) on the sheet as
read. The reference is python-calamine's own read of the same file (``read_workbook``, best of three): the
floor any import pays. The ratio (reference ÷ value, as every benchmark here) compares parsing with reading.

Run: python -m benchmarks.tabular_parse_100k
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections.abc import Callable
from typing import TypeVar

import xlsxwriter
from django.conf import settings

from benchmarks.harness import report
from gaoxin.core.tabular import (
    Boolean,
    Choice,
    Code,
    Column,
    Date,
    Integer,
    Number,
    Percent,
    TableSpec,
    Text,
    Year,
    parse_sheet,
    read_workbook,
    unique,
)

ROWS = 100_000
SEED = 20240105
T = TypeVar("T")

SPEC = TableSpec(
    [
        Column("credit_code", "统一社会信用代码", ("信用代码",), Code(max_length=18), required=True),
        Column("year", "年度", (), Year(), required=True),
        Column("name", "企业名称", (), Text(max_length=100), required=True),
        Column("industry_code", "行业代码", (), Code(max_length=4)),
        Column("scale", "规模", (), Choice({"规上": "above_scale", "规下": "below_scale"})),
        Column("registered_on", "注册日期", (), Date()),
        Column("phone", "联系电话", (), Code()),
        Column("leased", "是否租赁", (), Boolean()),
        Column("tax", "实缴税金", ("税收",), Number(min_value=0), unit="万元"),
        Column("revenue", "营业收入", (), Number(min_value=0), unit="万元"),
        Column("main_revenue", "主营业务收入", (), Number(min_value=0), unit="万元"),
        Column("output_value", "工业总产值", (), Number(min_value=0), unit="万元"),
        Column("value_added", "工业增加值", (), Number(), unit="万元"),
        Column("energy_tce", "综合能耗", (), Number(min_value=0), unit="吨标准煤"),
        Column("electricity_10k_kwh", "用电量", (), Number(min_value=0), unit="万千瓦时"),
        Column("emissions_t", "主要污染物排放量", (), Number(min_value=0), unit="吨"),
        Column("rd_expense", "R&D经费支出", (), Number(min_value=0), unit="万元"),
        Column("rd_intensity", "研发投入强度", (), Percent(min_value=0, max_value=1)),
        Column("employees", "年平均职工人数", (), Integer(min_value=0)),
        Column("land_mu", "用地面积", (), Number(min_value=0), unit="亩"),
    ],
    validators=[unique("credit_code", "year")],
)
HEADERS = [
    "统一社会信用代码",
    "年度",
    "企业名称",
    "行业代码",
    "规模",
    "注册日期",
    "联系电话",
    "是否租赁",
    "实缴税金（元）",
    "营业收入（万元）",
    "主营业务收入/万元",
    "工业总产值(亿元)",
    "工业增加值（万元）",
    "综合能耗（吨标准煤）",
    "用电量（千瓦时）",
    "主要污染物排放量（吨）",
    "R&D经费支出（元）",
    "研发投入强度",
    "年平均职工人数",
    "用地面积（平方米）",
]


def build_workbook() -> bytes:
    rng = random.Random(SEED)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet("年度数据")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_string(0, 0, "2024年度企业数据")
    sheet.write_row(1, 0, HEADERS)
    for index in range(ROWS):
        row = index + 2
        bad = index % 100 == 99
        sheet.write_string(row, 0, f"91330100{index:09d}X")
        sheet.write_number(row, 1, 2024)
        sheet.write_string(row, 2, f"示例企业{index}有限公司")
        sheet.write_string(row, 3, rng.choice(("3825", "3670", "1751", "6510")))
        sheet.write_string(row, 4, rng.choice(("规上", "规下")))
        sheet.write_datetime(
            row, 5, dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(8000)), date_format
        )
        sheet.write_number(row, 6, 13800000000 + index)
        sheet.write_string(row, 7, rng.choice(("是", "否")))
        sheet.write(row, 8, "约100" if bad else round(rng.uniform(0, 5e7), 2))
        for column in range(9, 17):
            sheet.write_number(row, column, round(rng.uniform(0, 1e5), 2))
        sheet.write_string(row, 17, f"{rng.uniform(0, 10):.2f}%")
        sheet.write_number(row, 18, rng.randrange(5, 3000))
        sheet.write_number(row, 19, round(rng.uniform(100, 200_000), 1))
    workbook.close()
    return buffer.getvalue()


def best_of_three(function: Callable[[], T]) -> tuple[float, T]:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def main() -> None:
    if not settings.configured:
        settings.configure(USE_I18N=False)
    data = build_workbook()
    read_s, sheets = best_of_three(lambda: read_workbook(data, "years.xlsx"))
    parse_s, result = best_of_three(lambda: parse_sheet(sheets[0], SPEC))
    assert len(result.rows) + len(result.invalid_row_numbers) == ROWS, "every data row is accounted for"
    assert len(result.invalid_row_numbers) == ROWS // 100, "exactly the seeded bad rows fail"
    print(f"file: {len(data) / 1e6:.1f} MB, {ROWS} rows x {len(SPEC.columns)} columns")
    print(f"read (python-calamine): {read_s:.2f} s; parse: {parse_s:.2f} s; errors: {len(result.errors)}")
    report(
        name="tabular_parse_100k",
        value=parse_s,
        unit="s",
        reference="python-calamine read of the same file",
        reference_value=read_s,
    )


if __name__ == "__main__":
    main()
