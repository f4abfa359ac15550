from __future__ import annotations

import pytest

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular import Code, Column, Number, Percent, TableSpec, TabularError, Text
from gaoxin.core.tabular.errors import CellError


def test_header_shows_the_unit() -> None:
    assert Column("tax", "实缴税金", converter=Number(), unit="万元").header == "实缴税金（万元）"
    assert Column("name", "企业名称").header == "企业名称"


def test_default_converter_is_text() -> None:
    assert isinstance(Column("name", "企业名称").converter, Text)


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        ([Column("a", "甲"), Column("a", "乙")], "duplicate column key 'a'"),
        (
            [Column("a", "税收"), Column("b", "实缴税金", aliases=("税 收",))],
            "'税 收' names both 'a' and 'b'",
        ),
        ([Column("a", "税收", converter=Code(), unit="万元")], "unit '万元' needs a Number converter"),
        ([Column("a", "比重", converter=Percent(), unit="%")], "unit '%' needs a Number converter"),
        ([Column("a", "税收", converter=Number(), unit="斤")], "unknown unit '斤'"),
    ],
)
def test_table_spec_rejects_ambiguous_or_impossible_columns(columns: list[Column], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        TableSpec(columns)


def test_tabular_error_joins_its_messages() -> None:
    error = TabularError(
        Message(gettext_noop("The file is empty.")), Message(gettext_noop("must not be empty"))
    )
    assert str(error) == "文件为空。；不能为空"


def test_cell_error_sentence() -> None:
    error = CellError("企业名录", 5, "统一社会信用代码", "校验位错误", "91330100MA27UFAB20")
    assert str(error) == "工作表“企业名录”第 5 行“统一社会信用代码”：校验位错误"
    assert str(CellError("企业名录", 6, None, "与第 3 行重复")) == "工作表“企业名录”第 6 行：与第 3 行重复"
