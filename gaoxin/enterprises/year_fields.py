"""The yearly figures of an enterprise (DOMAIN.md §9), in the order they are shown: one list, pure (no Django).

The registry (``EnterpriseYear``, its import and export), the evaluation engine (the figures an indicator may
divide) and the demo (the figures it generates) all read this tuple; a test checks that they agree with it.
"""

from __future__ import annotations

YEAR_FIELDS: tuple[str, ...] = (
    "tax",  # 实缴税金, 万元
    "revenue",  # 营业收入, 万元
    "main_revenue",  # 主营业务收入, 万元
    "output_value",  # 工业总产值, 万元
    "value_added",  # 工业增加值, 万元
    "energy_tce",  # 综合能耗, 吨标准煤
    "electricity_10k_kwh",  # 用电量, 万千瓦时
    "emissions_t",  # 主要污染物排放量, 吨
    "rd_expense",  # R&D经费支出, 万元
    "employees",  # 年平均职工人数, persons
    "land_mu",  # 用地面积, 亩
)
