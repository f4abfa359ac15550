"""The spreadsheet shapes of the registry: the Chinese headers officials use, their aliases, units and checks.

Column labels are the file format (the headers government spreadsheets carry), so they are Chinese whatever the
interface language; messages about them go through gettext.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from django.utils.translation import gettext_noop

from gaoxin.core.messages import Message
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Choice, Code, Date, Integer, Number, Text, Year
from gaoxin.core.tabular.errors import ConversionError
from gaoxin.core.tabular.validation import each_row, unique
from gaoxin.enterprises import credit_code, industry

SCALE_LABELS = {"规上": "above_scale", "规下": "below_scale"}
SCALE_ALIASES = {
    "规模以上": "above_scale",
    "规模以下": "below_scale",
    "规上企业": "above_scale",
    "规下企业": "below_scale",
}
STATUS_LABELS = {"在营": "operating", "停产": "suspended", "迁出": "moved_out", "注销": "deregistered"}
STATUS_ALIASES = {"存续": "operating", "正常": "operating", "在业": "operating", "停业": "suspended"}


def _credit_code_check(code: str) -> str | None:
    problem = credit_code.validate(code)
    if problem is not None:
        raise ConversionError(problem.msgid, **problem.params)
    return None


def _industry_check(code: str) -> str | None:
    if not industry.is_valid_class(code):
        return gettext_noop("is not a four-digit industry class of GB/T 4754-2017")
    return None


CREDIT_CODE = Column(
    "credit_code",
    "统一社会信用代码",
    aliases=("社会信用代码", "信用代码", "统一代码", "纳税人识别号"),
    converter=Code(max_length=18, check=_credit_code_check),
    required=True,
    help_text="18 位，含校验位",
    example="91330400MA2B3C4D5X",
)


def _money(key: str, label: str, *aliases: str) -> Column:
    return Column(key, label, aliases=aliases, converter=Number(min_value=0, places=4), unit="万元")


def _revenue_consistency(row: Mapping[str, object]) -> Iterator[tuple[tuple[str, ...], Message]]:
    main, revenue = row.get("main_revenue"), row.get("revenue")
    if isinstance(main, Decimal) and isinstance(revenue, Decimal) and main > revenue * Decimal("1.5"):
        yield (
            ("main_revenue",),
            Message(
                gettext_noop(
                    "main business revenue is more than 1.5 times the operating revenue; check the unit"
                )
            ),
        )


ENTERPRISES = TableSpec(
    columns=(
        CREDIT_CODE,
        Column(
            "name",
            "企业名称",
            aliases=("名称", "单位名称", "纳税人名称", "企业全称"),
            converter=Text(200),
            required=True,
        ),
        Column("legal_representative", "法定代表人", aliases=("法人代表", "法人"), converter=Text(60)),
        Column("address", "地址", aliases=("注册地址", "经营地址", "企业地址"), converter=Text(300)),
        Column(
            "industry_code",
            "行业代码",
            aliases=("国民经济行业代码", "行业分类代码", "行业小类代码"),
            converter=Code(max_length=4, check=_industry_check),
            help_text="GB/T 4754-2017 小类，4 位",
            example="3825",
        ),
        Column(
            "scale",
            "规模",
            aliases=("企业规模", "是否规上", "规上规下"),
            converter=Choice(SCALE_LABELS, SCALE_ALIASES),
            example="规上",
        ),
        Column("registered_on", "成立日期", aliases=("注册日期", "登记日期", "成立时间"), converter=Date()),
        Column("park", "所属园区", aliases=("园区", "片区", "所在园区"), converter=Text(100)),
        Column(
            "chains",
            "产业链",
            aliases=("所属产业链", "产业链标签"),
            converter=Text(300),
            help_text="多个用顿号分隔",
        ),
        Column(
            "status",
            "经营状态",
            aliases=("状态", "企业状态"),
            converter=Choice(STATUS_LABELS, STATUS_ALIASES),
        ),
        Column("contact_name", "联系人", aliases=("企业联系人",), converter=Text(60)),
        Column(
            "contact_phone", "联系电话", aliases=("电话", "手机", "联系方式"), converter=Code(max_length=40)
        ),
        Column("contact_email", "电子邮箱", aliases=("邮箱", "Email"), converter=Text(254)),
        Column("former_names", "曾用名", converter=Text(500), help_text="多个用顿号分隔"),
    ),
    validators=(unique("credit_code"),),
)

YEARS = TableSpec(
    columns=(
        CREDIT_CODE,
        Column("name", "企业名称", aliases=("名称", "单位名称", "纳税人名称"), converter=Text(200)),
        Column(
            "year",
            "年度",
            aliases=("年份", "数据年度"),
            converter=Year(2000, 2100),
            required=True,
            example=2025,
        ),
        _money("tax", "实缴税金", "评价税收", "税收", "实缴税收", "税收实际贡献", "入库税金"),
        _money("revenue", "营业收入", "营收"),
        _money("main_revenue", "主营业务收入", "主营收入"),
        _money("output_value", "工业总产值", "总产值"),
        _money("value_added", "工业增加值", "增加值"),
        Column(
            "energy_tce",
            "综合能耗",
            aliases=("能耗", "综合能源消费量"),
            converter=Number(min_value=0, places=4),
            unit="吨标准煤",
        ),
        Column(
            "electricity_10k_kwh",
            "用电量",
            aliases=("总用电量", "年用电量"),
            converter=Number(min_value=0, places=4),
            unit="万千瓦时",
        ),
        Column(
            "emissions_t",
            "主要污染物排放量",
            aliases=("排放量", "污染物排放量", "主要污染物排放"),
            converter=Number(min_value=0, places=4),
            unit="吨",
        ),
        _money("rd_expense", "R&D经费支出", "研发经费支出", "研发费用", "R&D经费"),
        Column(
            "employees",
            "年平均职工人数",
            aliases=("职工人数", "从业人员", "平均职工人数", "从业人员平均人数"),
            converter=Integer(min_value=0, max_value=1_000_000),
        ),
        Column(
            "land_mu",
            "用地面积",
            aliases=("占地面积", "土地面积", "用地"),
            converter=Number(min_value=0, max_value=100_000, places=4),
            unit="亩",
        ),
    ),
    validators=(unique("credit_code", "year"), each_row(_revenue_consistency)),
)

SPECS = {"enterprises": ENTERPRISES, "years": YEARS}
