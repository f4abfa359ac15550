"""``gaoxin evaluate`` on a real workbook, offline: Chinese headers with units in, the result workbook out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command
from django.utils import translation
from python_calamine import CalamineWorkbook

from gaoxin.enterprises.credit_code import make_code
from gaoxin.evaluation.tests.zone import SCHEME
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells

CODES = [make_code(serial=serial) for serial in (11, 12, 13)]
HEADER = [
    "统一社会信用代码",
    "企业名称",
    "用地面积（亩）",
    "实缴税金（元）",
    "营业收入（万元）",
    "发生安全生产事故",
]
ROWS = [
    [CODES[0], "甲公司", 10, 3_000_000, 3000, "否"],  # tax given in 元: 300 万元
    [CODES[1], "乙公司", 20, 2_400_000, 2400, "否"],
    [CODES[2], "丙公司", 10, 600_000, 600, ""],
]


def workbook(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("亩均数据")
    start = 0
    if title:
        sheet.write(0, 0, "2025年度亩均效益评价数据")  # a title above the header, as counties' sheets have
        start = 2
    sheet.write_row(start, 0, HEADER)
    for offset, row in enumerate(rows, start=start + 1):
        sheet.write_row(offset, 0, row)
    book.close()
    return path


@pytest.fixture
def scheme(tmp_path: Path) -> Path:
    path = tmp_path / "方案.toml"
    path.write_text(SCHEME, encoding="utf-8")
    return path


def results(path: Path) -> dict[str, dict[str, object]]:
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        .get_sheet_by_name("评价结果")
        .to_python()
    )
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def test_a_workbook_is_scored_offline(tmp_path: Path, scheme: Path) -> None:
    out = tmp_path / "结果.xlsx"
    stdout = io.StringIO()
    call_command(
        "evaluate",
        scheme=str(scheme),
        data=str(workbook(tmp_path / "数据.xlsx", ROWS)),
        out=str(out),
        stdout=stdout,
    )
    found = results(out)
    # the zone's hand-computed case: 200 (A), 80 (C), 40 (D)
    assert [(found[code]["总分"], found[code]["分类"]) for code in CODES] == [
        (200.0, "A"),
        (80.0, "C"),
        (40.0, "D"),
    ]
    assert found[CODES[0]]["亩均税收基准值"] == 15.0
    assert found[CODES[0]]["企业名称"] == "甲公司"
    assert "3" in stdout.getvalue()
    assert str(out) in stdout.getvalue()


def test_a_csv_with_glossary_names_and_a_veto(tmp_path: Path, scheme: Path) -> None:
    data = tmp_path / "data.csv"
    lines = ["credit_code,land_mu,tax,revenue,safety_accident"]
    lines += [f"{CODES[0]},10,300,3000,是", f"{CODES[1]},20,240,2400,否", f"{CODES[2]},10,60,600,否"]
    data.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    call_command("evaluate", scheme=str(scheme), data=str(data), out=str(out), stdout=io.StringIO())
    first = results(out)[CODES[0]]
    assert (first["按得分分类"], first["分类"]) == ("A", "C")


def test_names_that_look_like_formulas_stay_text_in_the_result(tmp_path: Path, scheme: Path) -> None:
    data = tmp_path / "data.csv"
    with data.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["credit_code", "name", "land_mu", "tax", "revenue", "safety_accident"])
        for code, name in zip(CODES, HOSTILE_TEXTS, strict=True):
            writer.writerow([code, name, 10, 300, 3000, "否"])
    out = tmp_path / "out.xlsx"
    call_command("evaluate", scheme=str(scheme), data=str(data), out=str(out), stdout=io.StringIO())
    assert_text_cells(out.read_bytes(), *HOSTILE_TEXTS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rows: [[*rows[0][:3], "约300万", *rows[0][4:]], *rows[1:]],
            "rows 4",
        ),  # the sheet's row 4: title, blank, header
        (lambda rows: [*rows, rows[0]], "more than once"),
    ],
)
def test_bad_data_is_a_clear_error(tmp_path: Path, scheme: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = workbook(tmp_path / "数据.xlsx", change(ROWS))
    with pytest.raises(CommandError, match=message):
        call_command("evaluate", scheme=str(scheme), data=str(data), out=str(tmp_path / "o.xlsx"))
    assert not (tmp_path / "o.xlsx").exists()


def test_a_bad_scheme_names_its_toml_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SCHEME.replace("tax_per_mu = 60", "tax_per_mu = 50"), encoding="utf-8")
    data = workbook(tmp_path / "数据.xlsx", ROWS)
    with pytest.raises(CommandError, match=r"groups\[0\]\.indicators"):
        call_command("evaluate", scheme=str(bad), data=str(data), out=str(tmp_path / "o.xlsx"))


def test_missing_files_and_columns(tmp_path: Path, scheme: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "evaluate", scheme=str(scheme), data=str(tmp_path / "无.xlsx"), out=str(tmp_path / "o.xlsx")
        )
    data = tmp_path / "d.csv"
    data.write_text(f"统一社会信用代码,用地面积\n{CODES[0]},10\n", encoding="utf-8")
    with pytest.raises(CommandError, match="tax"):
        call_command("evaluate", scheme=str(scheme), data=str(data), out=str(tmp_path / "o.xlsx"))
    with pytest.raises(CommandError, match="xlsx"):
        call_command("evaluate", scheme=str(scheme), data=str(data), out=str(tmp_path / "o.csv"))


def test_errors_are_in_chinese_by_default(tmp_path: Path, scheme: Path) -> None:
    data = workbook(tmp_path / "数据.xlsx", [[*ROWS[0][:3], "约300万", *ROWS[0][4:]], *ROWS[1:]])
    with (
        translation.override("zh-hans"),
        pytest.raises(CommandError, match="列“实缴税金（元）”第 4 行不是数字"),
    ):
        call_command("evaluate", scheme=str(scheme), data=str(data), out=str(tmp_path / "o.xlsx"))
