"""Column specs shared by the tests, shaped like the enterprise and yearly-data sheets gaoxin imports."""

from __future__ import annotations

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
)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(body: str) -> str:
    """GB 32100 check character for the first 17 characters (DOMAIN §2)."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code(body: str) -> str:
    return body + check_character(body)


def check_credit_code(code: str) -> str | None:
    """The caller's check hook; the message is already Chinese here, as the brief's example."""
    if len(code) != 18 or any(char not in ALPHABET for char in code):
        return "应为 18 位"
    return None if check_character(code[:17]) == code[17] else "校验位错误"


CODE_A = credit_code("91330100MA27UFAB2")
CODE_B = credit_code("91330106MA2B00001")
CODE_C = credit_code("92330108MA28K0C01")

SCALE = Choice(
    {"规上": "above_scale", "规下": "below_scale"},
    aliases={"规模以上": "above_scale", "规模以下": "below_scale"},
)

ENTERPRISES = TableSpec(
    [
        Column(
            "credit_code", "统一社会信用代码", ("信用代码", "社会信用代码"), Code(18, check_credit_code), True
        ),
        Column("name", "企业名称", ("单位名称",), Text(max_length=100), required=True),
        Column("scale", "规模", (), SCALE),
        Column("registered_on", "注册日期", ("成立日期",), Date()),
        Column("phone", "联系电话", ("电话",), Code()),
        Column("leased", "是否租赁", (), Boolean()),
    ]
)

YEARS = TableSpec(
    [
        Column("credit_code", "统一社会信用代码", ("信用代码",), Code(18, check_credit_code), required=True),
        Column("year", "年度", (), Year(), required=True),
        Column("tax", "实缴税金", ("评价税收", "税收"), Number(min_value=0), unit="万元"),
        Column("revenue", "营业收入", (), Number(min_value=0), unit="万元"),
        Column("main_revenue", "主营业务收入", (), Number(min_value=0), unit="万元"),
        Column("electricity_10k_kwh", "用电量", (), Number(min_value=0), unit="万千瓦时"),
        Column("energy_tce", "综合能耗", (), Number(min_value=0), unit="吨标准煤"),
        Column("emissions_t", "主要污染物排放量", (), Number(min_value=0), unit="吨"),
        Column("land_mu", "用地面积", (), Number(min_value=0), unit="亩"),
        Column("employees", "年平均职工人数", (), Integer(min_value=0)),
        Column("rd_intensity", "研发投入强度", ("R&D经费支出占营业收入比重",), Percent(0, 1)),
    ]
)
