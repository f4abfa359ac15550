"""The registry to Excel, in exactly the shapes the imports read (export → import changes nothing),
and the land-parcel list with the headers of the land registers.

The enterprise export starts with the columns the registry list shows, in its order, under the same headers
and with the same number formats (``LIST_COLUMNS``, which the list page reads), then the other registry
columns; the import ignores the list's computed columns (industry name, latest year's figures)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from gaoxin.core.downloads import download_response
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Choice, Code, Date, Number, Text, Year
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.core.templatetags.numbers import invalid_text, is_invalid
from gaoxin.enterprises import selectors
from gaoxin.enterprises.imports.specs import ENTERPRISES, YEARS
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel
from gaoxin.enterprises.year_fields import YEAR_FIELDS

LIST_JOINER = "、"

LAND_USE_LABELS = {
    "工业用地": "industrial",
    "仓储用地": "warehousing",
    "商业用地": "commercial",
    "研发用地": "research",
    "混合用地": "mixed",
    "其他": "other",
}

PARCELS = TableSpec(
    columns=(
        Column("certificate_no", "不动产权证号", converter=Text(80)),
        Column("owner", "权利人", converter=Text(200)),
        Column("owner_credit_code", "权利人统一社会信用代码", converter=Code(max_length=18)),
        Column("park", "所属园区", converter=Text(100)),
        Column("location", "坐落", converter=Text(300)),
        Column("use", "土地用途", converter=Choice(LAND_USE_LABELS)),
        Column("area_mu", "土地面积", converter=Number(min_value=0, places=4), unit="亩"),
        Column("acquired_on", "取得日期", converter=Date()),
        Column("longitude", "经度", converter=Number(places=6)),
        Column("latitude", "纬度", converter=Number(places=6)),
    )
)


def _registry_column(key: str) -> Column:
    return next(column for column in ENTERPRISES.columns if column.key == key)


# The registry list's columns, in its order: (column, the list's sort name for it, or "").
LIST_COLUMNS: tuple[tuple[Column, str], ...] = (
    (_registry_column("name"), "name"),
    (_registry_column("credit_code"), "credit_code"),
    (Column("industry", "所属行业", converter=Text(200)), "industry_code"),
    (_registry_column("scale"), "scale"),
    (_registry_column("park"), "park__name"),
    (_registry_column("status"), "status"),
    (Column("latest_year", "最新年度", converter=Year()), ""),
    (Column("latest_tax", "实缴税金", converter=Number(places=2), unit="万元"), ""),
    (Column("latest_land_mu", "用地面积", converter=Number(places=2), unit="亩"), ""),
)
NUMERIC_LIST_COLUMNS = frozenset({"latest_year", "latest_tax", "latest_land_mu"})
_LIST_KEYS = {column.key for column, _sort in LIST_COLUMNS}
ENTERPRISE_EXPORT = TableSpec(
    columns=(
        *(column for column, _sort in LIST_COLUMNS),
        *(column for column in ENTERPRISES.columns if column.key not in _LIST_KEYS),
    )
)


def list_headers() -> list[dict[str, Any]]:
    """The registry list's column headers, as the export writes them."""
    return [
        {"label": column.header, "sort": sort, "numeric": column.key in NUMERIC_LIST_COLUMNS}
        for column, sort in LIST_COLUMNS
    ]


def _chunked(enterprises: QuerySet[Enterprise], size: int = 2000) -> Iterator[list[Enterprise]]:
    chunk: list[Enterprise] = []
    for enterprise in enterprises.iterator(chunk_size=size):
        chunk.append(enterprise)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def enterprise_rows(enterprises: QuerySet[Enterprise]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``enterprises`` (``selectors.enterprise_list`` or ``registry_export``: with
    their parks)."""
    chains = selectors.chain_names(enterprises)
    for chunk in _chunked(enterprises):
        latest = selectors.latest_years(chunk)
        for e in chunk:
            yield _enterprise_row(e, latest.get(e.pk), chains.get(e.pk, []))


def _enterprise_row(e: Enterprise, year: EnterpriseYear | None, chains: list[str]) -> dict[str, Any]:
    return {
        "credit_code": e.credit_code,
        "name": e.name,
        "legal_representative": e.legal_representative,
        "address": e.address,
        "industry_code": e.industry_code,
        "scale": e.scale,
        "registered_on": e.registered_on,
        "park": e.park.name if e.park else None,
        "chains": LIST_JOINER.join(chains) or None,
        "status": e.status,
        "contact_name": e.contact_name,
        "contact_phone": e.contact_phone,
        "contact_email": e.contact_email,
        "former_names": LIST_JOINER.join(e.former_names) or None,
        "industry": f"{e.industry_code} {e.industry_name}".strip() or None,
        "latest_year": year.year if year else None,
        "latest_tax": _shown_number(year.tax) if year else None,
        "latest_land_mu": _shown_number(year.land_mu) if year else None,
    }


def _shown_number(value: Any) -> Any:
    """A stored number as the list shows it: one the database cannot represent reads 无效值."""
    return invalid_text() if is_invalid(value) else value


def year_rows(years: QuerySet[EnterpriseYear]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``years`` (``selectors.year_export``: with their enterprises, in order)."""
    for row in years.iterator(chunk_size=5000):
        yield {
            "credit_code": row.enterprise.credit_code,
            "name": row.enterprise.name,
            "year": row.year,
            **{name: getattr(row, name) for name in YEAR_FIELDS},
        }


def parcel_rows(parcels: QuerySet[LandParcel]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``parcels`` (``selectors.parcel_list``: with their owners and parks)."""
    for p in parcels.iterator(chunk_size=2000):
        yield {
            "certificate_no": p.certificate_no,
            "owner": p.owner.name if p.owner else None,
            "owner_credit_code": p.owner.credit_code if p.owner else None,
            "park": p.park.name if p.park else None,
            "location": p.location or None,
            "use": p.use,
            "area_mu": p.area_mu,
            "acquired_on": p.acquired_on,
            "longitude": p.longitude,
            "latitude": p.latitude,
        }


def export_enterprises(enterprises: QuerySet[Enterprise]) -> bytes:
    return write_xlsx(ENTERPRISE_EXPORT, enterprise_rows(enterprises), sheet_name="企业名录")


def export_years(years: QuerySet[EnterpriseYear]) -> bytes:
    return write_xlsx(YEARS, year_rows(years), sheet_name="年度数据")


def enterprises_response(enterprises: QuerySet[Enterprise]) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return download_response(export_enterprises(enterprises), f"企业名录-{stamp}.xlsx")


def parcels_response(parcels: QuerySet[LandParcel]) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    content = write_xlsx(PARCELS, parcel_rows(parcels), sheet_name="地块清单")
    return download_response(content, f"地块清单-{stamp}.xlsx")
