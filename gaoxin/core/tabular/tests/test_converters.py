from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.tabular import (
    Boolean,
    Choice,
    Code,
    ConversionError,
    Date,
    Integer,
    Number,
    Percent,
    Text,
    Year,
)
from gaoxin.core.tabular.converters import CellValue, Convert, Limits

SCALE = Choice({"规上": "above_scale", "规下": "below_scale"}, aliases={"规模以上": "above_scale"})


def rejects(convert: Convert, value: CellValue) -> str:
    with pytest.raises(ConversionError) as caught:
        convert(value)
    return str(caught.value)


class TestText:
    convert = staticmethod(Text().compile())

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("  示例企业有限公司 \n", "示例企业有限公司"),
            (13800000000.0, "13800000000"),
            (12.5, "12.5"),
            (dt.date(2024, 1, 5), "2024-01-05"),
            (True, "TRUE"),
            (7, "7"),
            (dt.timedelta(hours=1), "1:00:00"),
            ("   ", None),
            ("", None),
        ],
    )
    def test_converts(self, value: CellValue, expected: str | None) -> None:
        assert self.convert(value) == expected

    def test_rejects_a_number_too_long_for_excel(self) -> None:
        assert rejects(self.convert, 9.133000012345678e16) == (
            "数字 9.13300001234568e+16 位数过多，Excel 无法精确保存；请将该列设为文本格式后重新填写"
        )

    def test_rejects_text_longer_than_the_limit(self) -> None:
        assert Text(max_length=4).compile()("示例企业") == "示例企业"
        assert rejects(Text(max_length=4).compile(), "示例企业公司") == "长度超过 4 个字符"

    @given(st.text(st.characters(blacklist_categories=("Cc",))))
    def test_any_text_without_control_characters_comes_back_stripped(self, text: str) -> None:
        assert self.convert(text) == (text.strip() or None)

    @pytest.mark.parametrize(
        ("text", "code"), [("甲\x00乙", "U+0000"), ("a\x1bb", "U+001B"), ("a\x85b", "U+0085")]
    )
    def test_rejects_control_characters(self, text: str, code: str) -> None:
        assert rejects(self.convert, text) == f"含有控制字符 {code}"

    def test_line_breaks_are_spaces_in_single_line_text_and_kept_in_multi_line_text(self) -> None:
        assert self.convert("第一行\r\n\t第二行") == "第一行 第二行"
        assert Text(multiline=True).compile()("第一行\n第二行") == "第一行\n第二行"

    def test_limits_shorten_the_maximum_length(self) -> None:
        assert rejects(Text(10).within(Limits(max_length=2)).compile(), "示例企业") == "长度超过 2 个字符"


class TestNumberLimits:
    @pytest.mark.parametrize("value", [1e28, 1e30, "1e30", 1e300, "9" * 60])
    def test_a_huge_number_is_refused_not_a_crash(self, value: CellValue) -> None:
        assert "过大" in rejects(Number(min_value=0, places=4).compile(), value)

    @pytest.mark.parametrize("value", [1e15, 1e30, "1e300"])
    def test_limits_bound_the_number_and_name_the_bound_with_separators(self, value: CellValue) -> None:
        convert = (
            Number(min_value=0, places=4).within(Limits(Decimal(-(10**14)), Decimal(10**9), 6)).compile()
        )
        assert rejects(convert, value) == "不能大于 1,000,000,000"
        assert convert(999_999_999.99994) == Decimal("999999999.9999")

    def test_rounding_past_the_bound_is_refused(self) -> None:
        convert = Number(max_value="1.5", places=0).compile()
        assert rejects(convert, "1.5") == "不能大于 1.5"

    def test_integers_keep_to_their_limits(self) -> None:
        convert = Integer(min_value=0).within(Limits(-2147483648, 2147483647)).compile()
        assert rejects(convert, 1e12) == "不能大于 2,147,483,647"
        assert rejects(convert, "1e300") == "不能大于 2,147,483,647"


class TestCode:
    convert = staticmethod(Code().compile())

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("91330100ma27ufab2x", "91330100MA27UFAB2X"),
            ("９１３３ ０１００ ＭＡ２７", "91330100MA27"),
            ("0571-88886666", "0571-88886666"),
            ("'0571", "0571"),
            (13800000000.0, "13800000000"),
            (3825.0, "3825"),
            ("浙（2020）杭州市不动产权第0012345号", "浙(2020)杭州市不动产权第0012345号"),
            (" ", None),
        ],
    )
    def test_converts(self, value: CellValue, expected: str | None) -> None:
        assert self.convert(value) == expected

    def test_check_hook_message_is_raised(self) -> None:
        convert = Code(
            check=lambda code: None if code.endswith("X") else "check character is wrong"
        ).compile()
        assert convert("abcx") == "ABCX"
        assert rejects(convert, "abcd") == "check character is wrong"

    def test_rejects_codes_longer_than_the_limit(self) -> None:
        assert rejects(Code(max_length=4).compile(), "38251") == "长度超过 4 个字符"

    def test_rejects_an_18_digit_number_cell(self) -> None:
        assert rejects(self.convert, 913301001234567890.0).startswith("数字 9.13301001234568e+17 位数过多")

    @given(st.integers(min_value=1, max_value=10**15 - 1))
    def test_number_cells_keep_every_digit(self, number: int) -> None:
        assert self.convert(float(number)) == str(number)


class TestNumber:
    convert = staticmethod(Number().compile())

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (1234.5, "1234.5"),
            (12.0, "12"),
            (0.1 + 0.2, "0.3"),  # as Excel shows it, 15 significant digits
            (-3.25, "-3.25"),
            (7, "7"),
            ("1,234.5", "1234.5"),
            ("1 234", "1234"),
            ("-1,234,567.25", "-1234567.25"),
            ("１２３．５", "123.5"),
            ("１，２３４", "1234"),
            ("−5", "-5"),
            ("1.2E+3", "1200"),
            (" 42 ", "42"),
        ],
    )
    def test_converts(self, value: CellValue, expected: str) -> None:
        result = self.convert(value)
        assert isinstance(result, Decimal)
        assert result == Decimal(expected)

    @pytest.mark.parametrize("value", ["", "  ", "-", "—", "／", "——"])
    def test_blank_and_placeholders_are_empty(self, value: str) -> None:
        assert self.convert(value) is None

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("约100", "“约100”不是有效的数字"),
            ("100万", "“100万”不是有效的数字"),
            ("1,2", "“1,2”不是有效的数字"),
            ("12,34.5", "“12,34.5”不是有效的数字"),
            ("NaN", "“NaN”不是有效的数字"),
            ("Infinity", "“Infinity”不是有效的数字"),
            ("1_000", "“1_000”不是有效的数字"),
            (True, "“True”不是有效的数字"),
            (dt.date(2024, 1, 5), "“2024-01-05”不是有效的数字"),
        ],
    )
    def test_rejects(self, value: CellValue, message: str) -> None:
        assert rejects(self.convert, value) == message

    def test_bounds(self) -> None:
        convert = Number(min_value=0, max_value=100).compile()
        assert convert(0.0) == 0
        assert convert(100.0) == 100
        assert rejects(convert, -0.5) == "不能小于 0"
        assert rejects(convert, "100.01") == "不能大于 100"

    def test_scale_applies_before_bounds(self) -> None:
        convert = Number(max_value=10).compile(Decimal("0.0001"))
        assert convert(12345.0) == Decimal("1.2345")
        assert rejects(convert, 100001.0) == "不能大于 10"

    def test_places_round_half_up(self) -> None:
        convert = Number(places=2).compile()
        assert convert(1.005) == Decimal("1.01")  # a float would round this down
        assert convert("2.345") == Decimal("2.35")

    @given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
    def test_number_cells_and_text_read_back_exactly(self, value: Decimal) -> None:
        assert self.convert(float(value)) == value
        assert self.convert(str(value)) == value
        assert self.convert(f"{value:,}") == value


class TestInteger:
    convert = staticmethod(Integer(min_value=0).compile())

    @pytest.mark.parametrize(("value", "expected"), [(12.0, 12), ("1,234", 1234), ("0", 0), (7, 7)])
    def test_converts(self, value: CellValue, expected: int) -> None:
        result = self.convert(value)
        assert type(result) is int
        assert result == expected

    def test_rejects(self) -> None:
        assert rejects(self.convert, 12.5) == "“12.5”不是整数"
        assert rejects(self.convert, "十二") == "“十二”不是有效的数字"
        assert rejects(self.convert, -3.0) == "不能小于 0"
        assert rejects(Integer(max_value=10).compile(), 11.0) == "不能大于 10"


class TestPercent:
    convert = staticmethod(Percent(min_value=0, max_value=1).compile())

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("3.02%", "0.0302"),
            ("3.02％", "0.0302"),
            (" 100% ", "1"),
            (0.0302, "0.0302"),
            ("0.0302", "0.0302"),
        ],
    )
    def test_converts(self, value: CellValue, expected: str) -> None:
        assert self.convert(value) == Decimal(expected)

    def test_header_percent_unit_makes_plain_numbers_points(self) -> None:
        convert = Percent().compile(Decimal("0.01"))
        assert convert(3.02) == Decimal("0.0302")
        assert convert("3.02%") == Decimal("0.0302")  # the sign already says so: not scaled twice

    def test_rejects(self) -> None:
        assert rejects(self.convert, "约3%") == "“约3%”不是有效的百分比"
        assert rejects(self.convert, "%") == "“%”不是有效的百分比"
        assert rejects(self.convert, "150%") == "不能大于 100%"
        assert rejects(self.convert, -0.01) == "不能小于 0%"
        assert rejects(self.convert, "高") == "“高”不是有效的数字"


class TestDate:
    convert = staticmethod(Date().compile())

    @pytest.mark.parametrize("value", ["", " ", "-", "/"])
    def test_blank_and_placeholders_are_empty(self, value: str) -> None:
        assert self.convert(value) is None

    @pytest.mark.parametrize(
        "value",
        [
            dt.date(2024, 1, 5),
            dt.datetime(2024, 1, 5, 10, 30),
            45296.0,  # Excel serial number of 2024-01-05 (45292 is 2024-01-01)
            45296.75,
            "2024-01-05",
            "2024/1/5",
            "2024.1.5",
            "2024年1月5日",
            "２０２４年１月５日",
            "20240105",
            "2024-01-05 00:00:00",
        ],
    )
    def test_converts(self, value: CellValue) -> None:
        assert self.convert(value) == dt.date(2024, 1, 5)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2024-02-30", "“2024-02-30”不是有效的日期（如 2024-01-05）"),
            ("明天", "“明天”不是有效的日期（如 2024-01-05）"),
            ("2024-1", "“2024-1”不是有效的日期（如 2024-01-05）"),
            (-1.0, "“-1”不是有效的日期（如 2024-01-05）"),
            (True, "“True”不是有效的日期（如 2024-01-05）"),
        ],
    )
    def test_rejects(self, value: CellValue, message: str) -> None:
        assert rejects(self.convert, value) == message


class TestYear:
    convert = staticmethod(Year().compile())

    @pytest.mark.parametrize("value", [2024.0, 2024, "2024", "2024年", "2024年度", " ２０２４ "])
    def test_converts(self, value: CellValue) -> None:
        assert self.convert(value) == 2024

    @pytest.mark.parametrize("value", ["", " ", "-", "—"])
    def test_blank_and_placeholders_are_empty(self, value: str) -> None:
        assert self.convert(value) is None

    @pytest.mark.parametrize("value", [2024.5, "24", "今年", dt.date(2024, 1, 1)])
    def test_rejects(self, value: CellValue) -> None:
        assert rejects(self.convert, value).endswith("不是有效的年份")

    @pytest.mark.parametrize("value", ["1800", 2101.0])
    def test_rejects_a_year_out_of_range_naming_the_range(self, value: CellValue) -> None:
        assert rejects(self.convert, value) == "年份应在 1900 至 2100 之间"

    def test_limits_narrow_the_range(self) -> None:
        assert rejects(Year().within(Limits(1949, 2036)).compile(), 2040) == "年份应在 1949 至 2036 之间"

    def test_rejection_message(self) -> None:
        assert rejects(self.convert, "24") == "“24”不是有效的年份"


class TestChoice:
    convert = staticmethod(SCALE.compile())

    @pytest.mark.parametrize("value", ["规上", " 规 上 ", "规模以上", "above_scale", "ABOVE_SCALE"])
    def test_converts(self, value: str) -> None:
        assert self.convert(value) == "above_scale"

    def test_rejects(self) -> None:
        assert rejects(self.convert, "中型") == "“中型”不是可选值（可选：规上、规下）"

    def test_aliases_must_name_known_codes(self) -> None:
        with pytest.raises(ValueError, match="unknown codes"):
            Choice({"规上": "above_scale"}, aliases={"规下": "below_scale"})

    def test_writes_labels(self) -> None:
        assert SCALE.to_cell("below_scale") == "规下"
        assert SCALE.allowed_values() == ("规上", "规下")


class TestBoolean:
    convert = staticmethod(Boolean().compile())

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("是", True), ("否", False), ("Y", True), ("n", False), ("TRUE", True), (1.0, True), (0, False)],
    )
    def test_converts(self, value: CellValue, expected: bool) -> None:
        assert self.convert(value) is expected

    def test_boolean_cells(self) -> None:
        assert self.convert(True) is True

    @pytest.mark.parametrize(
        ("value", "message"), [("也许", "“也许”应填写“是”或“否”"), (2.0, "“2”应填写“是”或“否”")]
    )
    def test_rejects(self, value: CellValue, message: str) -> None:
        assert rejects(self.convert, value) == message

    def test_writes_yes_and_no(self) -> None:
        assert Boolean().to_cell(True) == "是"
        assert Boolean().to_cell(False) == "否"


@pytest.mark.parametrize(
    ("converter", "description"),
    [
        (Text(), "文本"),
        (Text(max_length=20), "文本，不超过 20 个字符"),
        (Code(), "编码，按文本填写"),
        (Number(min_value=0), "数字，不小于 0"),
        (Number(max_value=5), "数字，不大于 5"),
        (Integer(min_value=0, max_value=9), "整数，0 至 9"),
        (Number(), "数字"),
        (Percent(), "百分比，如 3.02% 或 0.0302"),
        (Date(), "日期，如 2024-01-05"),
        (Year(), "年份，如 2024"),
        (SCALE, "可选：规上、规下"),
        (Boolean(), "填写“是”或“否”"),
    ],
)
def test_descriptions_for_the_template(converter: Text, description: str) -> None:
    assert converter.describe() == description


class TestBoundedDates:
    convert = staticmethod(
        Date(min_value=dt.date(2000, 1, 1))
        .within(Limits(dt.date(1900, 1, 1), dt.date(2030, 12, 31)))
        .compile()
    )

    def test_the_tighter_bounds_of_both_hold(self) -> None:
        assert self.convert("2030-12-31") == dt.date(2030, 12, 31)
        assert self.convert("") is None
        assert rejects(self.convert, "1999-12-31") == rejects(self.convert, "2031-01-01")
        assert "2000-01-01" in rejects(self.convert, "1999-12-31")
        assert "2030-12-31" in rejects(self.convert, "1999-12-31")

    def test_an_open_end_is_stated_as_the_calendars_end(self) -> None:
        convert = Date(max_value=dt.date(2020, 1, 1)).compile()
        assert "0001-01-01" in rejects(convert, "2021-01-01")
        assert convert(dt.datetime(2019, 5, 6, 7, 8)) == dt.date(2019, 5, 6)


def test_a_choice_keeps_its_values_whatever_the_columns_limits() -> None:
    assert SCALE.within(Limits(max_length=1)) is SCALE


def test_a_code_refuses_control_characters() -> None:
    assert "U+0007" in rejects(Code().compile(), "91\x0733")
