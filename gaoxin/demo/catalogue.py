"""What the demo zone "示例高新区" is made of: parks, industrial chains and the industry profiles of its firms.

Modelled on the zone the seed articles describe (a photovoltaic chain of cells, glass, films, inverters and
mounts; an auto-parts chain of power, on-board, electronic and interior systems; textiles; equipment; a
digital economy and life sciences), with fictional places. Pure data: no Django.

The economic parameters are medians from which each firm's own value is drawn; they are shaped after public
Zhejiang figures (tax per mu of above-scale industry around 25-30 万元, value added 20-30% of output,
energy use per 万元 of output from a few kilograms of coal equivalent for software to a third of a tonne for
glass and dyeing).
"""

from __future__ import annotations

from dataclasses import dataclass

ZONE_NAME = "示例高新区"
CITY_NAME = "示例市"
PROVINCE_NAME = "浙江省"
PROVINCE_ABBREVIATION = "浙"
REGION_CODE = "330400"  # administrative division prefix of the demo credit codes
YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025)

ABOVE_SCALE_INDUSTRY = 2000.0  # 万元 of main-business revenue: 规上工业
ABOVE_SCALE_SERVICES = 1000.0  # 万元 of revenue: 规上服务业 (software and information services)


@dataclass(frozen=True, slots=True)
class ParkSpec:
    code: str
    name: str
    roads: tuple[str, ...]
    longitude: float  # centre of the park
    latitude: float


PARKS: tuple[ParkSpec, ...] = (
    ParkSpec("pv", "光伏产业园", ("晶辉路", "旭日大道", "朝阳路", "光耀路", "明阳街"), 120.712, 30.812),
    ParkSpec(
        "auto", "汽车零部件产业园", ("驰远路", "车城大道", "通衢路", "远航路", "启程街"), 120.745, 30.798
    ),
    ParkSpec("equipment", "智能装备产业园", ("精工路", "智造大道", "巧匠路", "恒力街"), 120.731, 30.826),
    ParkSpec("innovation", "科创园", ("创新大道", "云谷路", "知行路", "求是街", "启明路"), 120.768, 30.817),
    ParkSpec(
        "general", "综合片区", ("示例大道", "兴业路", "和顺路", "长丰路", "锦绣街", "平安路"), 120.752, 30.781
    ),
)


@dataclass(frozen=True, slots=True)
class ChainSpec:
    code: str
    name: str
    share: float  # of the zone's firms
    parks: tuple[tuple[str, float], ...]  # where its firms settle, with weights


CHAINS: tuple[ChainSpec, ...] = (
    ChainSpec("photovoltaic", "光伏", 0.12, (("pv", 0.85), ("general", 0.15))),
    ChainSpec("auto_parts", "汽车零部件", 0.14, (("auto", 0.85), ("general", 0.15))),
    ChainSpec("textiles", "纺织服装", 0.17, (("general", 0.9), ("equipment", 0.1))),
    ChainSpec("smart_equipment", "智能装备", 0.16, (("equipment", 0.7), ("general", 0.3))),
    ChainSpec("digital_economy", "数字经济", 0.13, (("innovation", 0.9), ("general", 0.1))),
    ChainSpec("life_sciences", "生命健康", 0.08, (("innovation", 0.6), ("general", 0.4))),
)
UNCHAINED_SHARE = 1.0 - sum(chain.share for chain in CHAINS)
UNCHAINED_PARKS: tuple[tuple[str, float], ...] = (("general", 0.7), ("equipment", 0.15), ("auto", 0.15))


@dataclass(frozen=True, slots=True)
class IndustryProfile:
    """A kind of firm: its GB/T 4754-2017 class, the words its names use, and the medians of its economics."""

    industry_code: str
    chain: str | None  # chain code, None for firms outside the zone's chains
    weight: float  # within its chain
    energy_per_revenue: float  # tce per 万元 of revenue
    electricity_share: float  # of energy use that is electricity
    emissions_per_tce: float  # t of main pollutants per tce (industry only)
    rd_intensity: float  # R&D expense / revenue
    tax_rate: float  # tax paid / revenue
    productivity: float  # 万元 per employee: value added (industry) or revenue (services)
    words: tuple[str, ...]  # what the names say the firm does: 示例 + 嘉禾 + 光能科技 + 有限公司


# fmt: off
PROFILES: tuple[IndustryProfile, ...] = (
    #               code    chain               weight energy elec  emis    R&D    tax    productivity
    # photovoltaic: cells and modules, glass, films and back sheets, inverters, mounts, silicon materials
    IndustryProfile("3825", "photovoltaic",     5,  0.045, 0.85, 0.004,  0.035, 0.035, 32,
                    words=("光能科技", "光伏科技", "新能源科技", "太阳能科技", "光电科技")),
    IndustryProfile("3049", "photovoltaic",     1,  0.3,   0.35, 0.012,  0.025, 0.045, 30,
                    words=("光伏玻璃", "玻璃科技", "新材料科技")),
    IndustryProfile("2929", "photovoltaic",     1,  0.06,  0.8,  0.006,  0.03,  0.04,  26,
                    words=("胶膜科技", "高分子材料", "新材料科技")),
    IndustryProfile("3824", "photovoltaic",     1,  0.02,  0.9,  0.002,  0.045, 0.045, 34,
                    words=("电力电子", "电气科技", "能源技术")),
    IndustryProfile("3311", "photovoltaic",     1,  0.05,  0.7,  0.008,  0.02,  0.04,  24,
                    words=("金属结构", "支架科技", "钢构科技")),
    IndustryProfile("3985", "photovoltaic",     1,  0.12,  0.9,  0.006,  0.04,  0.04,  36,
                    words=("硅材料", "电子材料", "半导体材料")),
    # auto parts: power, on-board, electronic and interior systems
    IndustryProfile("3670", "auto_parts",       6,  0.04,  0.8,  0.005,  0.035, 0.04,  27,
                    words=("汽车部件", "汽车零部件", "汽配科技", "动力科技", "车业科技", "内饰科技")),
    IndustryProfile("2913", "auto_parts",       1,  0.08,  0.7,  0.01,   0.025, 0.04,  22,
                    words=("橡塑科技", "橡胶制品", "密封科技")),
    IndustryProfile("3982", "auto_parts",       1,  0.025, 0.9,  0.003,  0.05,  0.04,  30,
                    words=("汽车电子", "电子科技", "智能车载")),
    IndustryProfile("3841", "auto_parts",       1,  0.05,  0.85, 0.004,  0.045, 0.035, 33,
                    words=("新能源电池", "储能科技", "锂电科技")),
    # textiles and clothing
    IndustryProfile("1751", "textiles",         2,  0.1,   0.6,  0.01,   0.015, 0.03,  18,
                    words=("纺织", "化纤织造", "织造科技")),
    IndustryProfile("1752", "textiles",         1,  0.3,   0.35, 0.04,   0.012, 0.03,  18,
                    words=("印染", "染整科技")),
    IndustryProfile("1761", "textiles",         1,  0.07,  0.7,  0.008,  0.015, 0.03,  17,
                    words=("针织", "经编科技")),
    IndustryProfile("1819", "textiles",         2,  0.015, 0.9,  0.002,  0.012, 0.03,  14,
                    words=("服饰", "服装", "时装")),
    IndustryProfile("1829", "textiles",         1,  0.015, 0.9,  0.002,  0.012, 0.03,  14,
                    words=("制衣", "针织服饰")),
    IndustryProfile("1781", "textiles",         1,  0.08,  0.7,  0.008,  0.02,  0.035, 20,
                    words=("无纺布", "非织造材料")),
    # smart equipment
    IndustryProfile("3484", "smart_equipment",  3,  0.035, 0.85, 0.004,  0.03,  0.04,  24,
                    words=("精密机械", "机械", "机械制造", "五金机械")),
    IndustryProfile("3491", "smart_equipment",  1,  0.02,  0.9,  0.002,  0.055, 0.045, 35,
                    words=("机器人", "智能装备", "自动化科技")),
    IndustryProfile("3421", "smart_equipment",  1,  0.03,  0.85, 0.003,  0.04,  0.04,  28,
                    words=("数控机床", "机床")),
    IndustryProfile("3441", "smart_equipment",  1,  0.035, 0.85, 0.004,  0.035, 0.04,  26,
                    words=("泵业", "流体设备")),
    IndustryProfile("3451", "smart_equipment",  1,  0.05,  0.8,  0.005,  0.03,  0.04,  25,
                    words=("轴承", "传动科技")),
    IndustryProfile("3599", "smart_equipment",  1,  0.025, 0.9,  0.003,  0.045, 0.045, 30,
                    words=("智能设备", "自动化设备", "专用设备")),
    IndustryProfile("3562", "smart_equipment",  1,  0.02,  0.9,  0.002,  0.06,  0.05,  40,
                    words=("半导体设备", "微电子装备")),
    # digital economy
    IndustryProfile("6513", "digital_economy",  3,  0.004, 1.0,  0.0,    0.06,  0.06,  45,
                    words=("软件", "信息技术", "网络科技")),
    IndustryProfile("6531", "digital_economy",  2,  0.004, 1.0,  0.0,    0.05,  0.055, 50,
                    words=("信息科技", "数字科技", "智能科技")),
    IndustryProfile("6520", "digital_economy",  1,  0.004, 1.0,  0.0,    0.06,  0.06,  60,
                    words=("微电子", "芯片设计", "集成电路")),
    IndustryProfile("6450", "digital_economy",  1,  0.02,  1.0,  0.0,    0.05,  0.06,  55,
                    words=("数据科技", "云计算", "大数据")),
    IndustryProfile("3973", "digital_economy",  1,  0.08,  0.95, 0.004,  0.06,  0.05,  45,
                    words=("半导体", "集成电路制造")),
    IndustryProfile("3976", "digital_economy",  1,  0.04,  0.9,  0.003,  0.055, 0.045, 38,
                    words=("光电", "光电子")),
    # life sciences
    IndustryProfile("2720", "life_sciences",    2,  0.05,  0.6,  0.008,  0.05,  0.07,  45,
                    words=("制药", "药业")),
    IndustryProfile("2761", "life_sciences",    1,  0.04,  0.7,  0.006,  0.06,  0.065, 48,
                    words=("生物医药", "生物科技", "生物技术")),
    IndustryProfile("3581", "life_sciences",    1,  0.015, 0.9,  0.002,  0.055, 0.06,  40,
                    words=("医疗科技", "医疗设备", "医学影像")),
    IndustryProfile("3584", "life_sciences",    1,  0.02,  0.9,  0.003,  0.045, 0.055, 35,
                    words=("医疗器械", "医用器械")),
    IndustryProfile("2770", "life_sciences",    1,  0.04,  0.8,  0.005,  0.03,  0.05,  28,
                    words=("医用材料", "卫生材料")),
    IndustryProfile("7340", "life_sciences",    1,  0.006, 1.0,  0.0,    0.06,  0.05,  40,
                    words=("医药研发", "医学研究")),
    # outside the chains: the zone's general manufacturing and services
    IndustryProfile("2231", None,               1,  0.06,  0.7,  0.008,  0.012, 0.03,  20,
                    words=("包装", "纸品", "包装材料")),
    IndustryProfile("2641", None,               1,  0.07,  0.6,  0.015,  0.02,  0.04,  30,
                    words=("涂料", "化工涂料")),
    IndustryProfile("3360", None,               1,  0.12,  0.7,  0.02,   0.015, 0.035, 22,
                    words=("表面处理", "热处理")),
    IndustryProfile("3399", None,               2,  0.05,  0.75, 0.006,  0.015, 0.035, 22,
                    words=("金属制品", "五金制品", "实业")),
    IndustryProfile("3831", None,               1,  0.03,  0.85, 0.003,  0.02,  0.03,  30,
                    words=("电线电缆", "线缆")),
    IndustryProfile("3872", None,               1,  0.02,  0.9,  0.002,  0.025, 0.035, 22,
                    words=("照明", "灯饰")),
    IndustryProfile("4011", None,               1,  0.015, 0.9,  0.002,  0.05,  0.045, 32,
                    words=("自动化仪表", "控制技术")),
    IndustryProfile("7452", None,               1,  0.01,  1.0,  0.0,    0.04,  0.05,  30,
                    words=("检测技术", "检测服务")),
)
# fmt: on

# The zone's two state-owned park operators own the incubator and standard-factory land and lease it out.
OPERATOR_INDUSTRY_CODE = "7221"  # 园区管理服务
OPERATORS: tuple[tuple[str, str], ...] = (
    ("示例高新区科创园发展有限公司", "innovation"),
    ("示例高新区产业投资发展有限公司", "general"),
)
