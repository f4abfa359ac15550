"""import_years_100k: a 100,000-row × 20-column yearly-data .xlsx validated and stored (target ≤ 15 s).

Reference: the same file through django-import-export (tablib reading the .xlsx, a ModelResource with the same
columns, bulk mode), measured in the same run on the same database. Both start from the same stored state: the
registry of 100,000 enterprises and no yearly data. Run on a scratch database: ``python -m benchmarks.import_years_100k``
(SQLite in a temporary directory) or with ``GAOXIN_DATABASE_URL=postgres://…/scratch``.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal

from benchmarks.harness import report, setup_django, timed

ROWS = 100_000
YEAR = 2025
# 20 columns: the 14 the import knows plus 6 a real file carries and the import ignores.
HEADER = [
    "统一社会信用代码", "企业名称", "年度", "实缴税金（万元）", "营业收入（万元）", "主营业务收入（万元）",
    "工业总产值（万元）", "工业增加值（万元）", "综合能耗（吨标准煤）", "用电量（万千瓦时）", "主要污染物排放量（吨）",
    "R&D经费支出（万元）", "年平均职工人数", "用地面积（亩）",
    "所属园区", "行业代码", "规模", "联系人", "联系电话", "备注",
]  # fmt: skip


def make_registry() -> list[tuple[str, str]]:
    from gaoxin.enterprises.credit_code import make_code
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.enterprises.pinyin import initials

    if Enterprise.objects.exists():
        raise SystemExit("import_years_100k needs an empty scratch database")
    firms = [(make_code(serial=i), f"基准测试企业{i:06d}有限公司") for i in range(ROWS)]
    Enterprise.objects.bulk_create(
        [Enterprise(credit_code=c, name=n, name_initials=initials(n)) for c, n in firms], batch_size=5000
    )
    return firms


def make_file(firms: list[tuple[str, str]]) -> bytes:
    import xlsxwriter

    rng = random.Random(20251121)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("年度数据")
    sheet.write_row(0, 0, HEADER)
    for r, (code, name) in enumerate(firms, start=1):
        revenue = round(rng.lognormvariate(8, 1.2), 2)
        land = round(rng.lognormvariate(3, 0.8), 2)
        row = [
            code, name, YEAR, round(revenue * rng.uniform(0.01, 0.06), 2), revenue, round(revenue * 0.95, 2),
            round(revenue * 1.05, 2), round(revenue * 0.25, 2), round(revenue * 0.05, 2), round(revenue * 0.02, 2),
            round(rng.uniform(0, 30), 3), round(revenue * 0.02, 2), rng.randint(5, 2000), land,
            "基准园区", "3825", "规上", "张三", "0573-88880000", "",
        ]  # fmt: skip
        sheet.write_row(r, 0, row)
    book.close()
    return out.getvalue()


def ours(data: bytes) -> int:
    from gaoxin.enterprises.imports.pipeline import run_import

    result = run_import(kind="years", data=data, filename="年度数据.xlsx", by=None, source="statistics")
    assert result.ok, result.as_dict()["errors"][:5]
    return result.counts["created"]


def reference(data: bytes) -> int:
    import tablib
    from import_export import fields, resources, widgets

    from gaoxin.enterprises.models import Enterprise, EnterpriseYear

    class YearResource(resources.ModelResource):
        enterprise = fields.Field(
            column_name="统一社会信用代码",
            attribute="enterprise",
            widget=widgets.ForeignKeyWidget(Enterprise, "credit_code"),
        )
        year = fields.Field(column_name="年度", attribute="year", widget=widgets.IntegerWidget())
        tax = fields.Field(column_name="实缴税金（万元）", attribute="tax", widget=widgets.DecimalWidget())
        revenue = fields.Field(
            column_name="营业收入（万元）", attribute="revenue", widget=widgets.DecimalWidget()
        )
        main_revenue = fields.Field(
            column_name="主营业务收入（万元）", attribute="main_revenue", widget=widgets.DecimalWidget()
        )
        output_value = fields.Field(
            column_name="工业总产值（万元）", attribute="output_value", widget=widgets.DecimalWidget()
        )
        value_added = fields.Field(
            column_name="工业增加值（万元）", attribute="value_added", widget=widgets.DecimalWidget()
        )
        energy_tce = fields.Field(
            column_name="综合能耗（吨标准煤）", attribute="energy_tce", widget=widgets.DecimalWidget()
        )
        electricity_10k_kwh = fields.Field(
            column_name="用电量（万千瓦时）", attribute="electricity_10k_kwh", widget=widgets.DecimalWidget()
        )
        emissions_t = fields.Field(
            column_name="主要污染物排放量（吨）", attribute="emissions_t", widget=widgets.DecimalWidget()
        )
        rd_expense = fields.Field(
            column_name="R&D经费支出（万元）", attribute="rd_expense", widget=widgets.DecimalWidget()
        )
        employees = fields.Field(
            column_name="年平均职工人数", attribute="employees", widget=widgets.IntegerWidget()
        )
        land_mu = fields.Field(
            column_name="用地面积（亩）", attribute="land_mu", widget=widgets.DecimalWidget()
        )

        class Meta:
            model = EnterpriseYear
            import_id_fields = ("enterprise", "year")
            fields = ("enterprise", "year", "tax", "revenue", "main_revenue", "output_value", "value_added", "energy_tce",
                      "electricity_10k_kwh", "emissions_t", "rd_expense", "employees", "land_mu")  # fmt: skip
            use_bulk = True
            batch_size = 2000
            skip_diff = True

    dataset = tablib.Dataset().load(data, format="xlsx")
    result = YearResource().import_data(dataset, dry_run=False, raise_errors=True)
    return int(result.totals["new"])


def main() -> None:
    vendor = setup_django()
    from gaoxin.enterprises.models import EnterpriseYear

    firms = make_registry()
    data = make_file(firms)
    print(
        f"import_years_100k on {vendor}: file of {ROWS:,} rows × {len(HEADER)} columns, {len(data) / 1e6:.1f} MB"
    )
    seconds, created = timed(lambda: ours(data))
    assert created == ROWS
    stored = list(EnterpriseYear.objects.order_by("enterprise_id").values_list("tax", flat=True)[:3])
    print(
        f"gaoxin: {created:,} rows validated and stored in {seconds:.2f} s (target <= 15 s); first taxes {stored}"
    )
    EnterpriseYear.objects.all().delete()
    from gaoxin.core.models import ChangeLogEntry

    ChangeLogEntry.objects.all().delete()
    ref_seconds, ref_created = timed(lambda: reference(data))
    assert ref_created == ROWS, ref_created
    same = list(EnterpriseYear.objects.order_by("enterprise_id").values_list("tax", flat=True)[:3])
    assert [Decimal(x) for x in same] == [Decimal(x) for x in stored]
    print(f"django-import-export: {ref_created:,} rows in {ref_seconds:.2f} s")
    report(
        name="import_years_100k",
        value=seconds,
        unit="s",
        reference=f"django-import-export (bulk mode) on the same file and {vendor} database",
        reference_value=ref_seconds,
        database=vendor,
    )


if __name__ == "__main__":
    main()
