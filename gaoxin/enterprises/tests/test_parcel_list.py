"""The land-parcel list: sorting, filters, the Excel export of exactly the listed rows, and its cost."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from gaoxin.core.tabular.reading import read_workbook
from gaoxin.enterprises import views
from gaoxin.enterprises.models import LandParcel
from gaoxin.testing.factories import EnterpriseFactory, LandParcelFactory, ParkFactory
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db

URL = reverse("enterprises:parcel_list")
CERT = "浙(2020)测试市不动产权第{:07d}号"


@pytest.fixture
def parcels(personas: Personas) -> dict[str, LandParcel]:
    """Three parcels; certificate order b, c, a; area order b, a, c."""
    pv = ParkFactory(code="pv", name="光伏产业园")
    auto = ParkFactory(code="auto", name="汽车产业园")
    return {
        "a": LandParcelFactory(
            certificate_no=CERT.format(3),
            owner=personas.own_enterprise,
            park=pv,
            use="industrial",
            area_mu=Decimal("30"),
            acquired_on=dt.date(2020, 5, 1),
            location="科技大道1号",
        ),
        "b": LandParcelFactory(
            certificate_no=CERT.format(1),
            owner=personas.other_enterprise,
            park=auto,
            use="warehousing",
            area_mu=Decimal("12.5"),
            acquired_on=dt.date(2021, 3, 1),
        ),
        "c": LandParcelFactory(
            certificate_no=CERT.format(2),
            owner=None,
            park=pv,
            use="commercial",
            area_mu=Decimal("80.25"),
            acquired_on=None,
        ),
    }


def listed(client: Client, **params: str) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [p.certificate_no for p in response.context["page"].object_list]


def exported(client: Client, **params: str) -> list[list[Any]]:
    response = client.get(URL, {**params, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    (sheet,) = read_workbook(response.content, "x.xlsx")
    return [list(row) for row in sheet.rows if any(cell not in (None, "") for cell in row)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("certificate_no", "bca"),
        ("-certificate_no", "acb"),
        ("area_mu", "bac"),
        ("-area_mu", "cab"),
        ("owner__name", "bac"),  # 他家 (他 U+4ED6) before 自有 (自 U+81EA); no owner last
        ("-owner__name", "abc"),
        ("park__name", "cab"),  # 光伏 (光 U+5149) before 汽车 (汽 U+6C7D); certificate order within a park
        ("-park__name", "bca"),
        ("use", "cab"),  # commercial, industrial, warehousing
        ("-use", "bac"),
        ("acquired_on", "abc"),  # no date last in either direction
        ("-acquired_on", "bac"),
        ("nonsense", "bca"),
    ],
)
def test_sorting_both_directions(
    parcels: dict[str, LandParcel], client_for: Any, sort: str, expected: str
) -> None:
    names = {p.certificate_no: key for key, p in parcels.items()}
    assert "".join(names[c] for c in listed(client_for("officer_b"), sort=sort)) == expected


def test_sortable_headers_link_to_the_other_direction(
    parcels: dict[str, LandParcel], client_for: Any
) -> None:
    html = client_for("leader").get(URL, {"sort": "area_mu", "use": "industrial"}).content.decode()
    assert 'class="sorted" href="?sort=-area_mu&amp;use=industrial"' in html
    assert 'href="?sort=owner__name&amp;use=industrial"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"park": "pv"}, {"a", "c"}),
        ({"park": "auto"}, {"b"}),
        ({"use": "warehousing"}, {"b"}),
        ({"use": "commercial", "park": "pv"}, {"c"}),
        ({"use": "not-a-use"}, {"a", "b", "c"}),
        ({"q": "自有"}, {"a"}),
        ({"q": "0000002"}, {"c"}),
        ({"q": "tjqc"}, {"b"}),  # the owner's pinyin initials
        ({"q": "nothing-like-this"}, set()),
    ],
)
def test_filters(
    parcels: dict[str, LandParcel], client_for: Any, params: dict[str, str], expected: set[str]
) -> None:
    names = {p.certificate_no: key for key, p in parcels.items()}
    assert {names[c] for c in listed(client_for("officer_a"), **params)} == expected


def test_owner_search_by_credit_code_prefix(
    parcels: dict[str, LandParcel], client_for: Any, personas: Personas
) -> None:
    code = personas.other_enterprise.credit_code
    assert listed(client_for("officer_a"), q=code.lower()) == [parcels["b"].certificate_no]


def test_export_holds_exactly_the_filtered_sorted_rows_of_all_pages(
    parcels: dict[str, LandParcel], client_for: Any, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = client_for("officer_b")
    assert listed(client, park="pv", sort="-area_mu") == [parcels["c"].certificate_no]
    header, *rows = exported(client, park="pv", sort="-area_mu", page="2")
    assert header == [
        "不动产权证号",
        "权利人",
        "权利人统一社会信用代码",
        "所属园区",
        "坐落",
        "土地用途",
        "土地面积（亩）",
        "取得日期",
        "经度",
        "纬度",
    ]
    assert [row[:8] for row in rows] == [
        [parcels["c"].certificate_no, "", "", "光伏产业园", "", "商业用地", 80.25, ""],
        [
            parcels["a"].certificate_no,
            "自有光伏科技有限公司",
            personas.own_enterprise.credit_code,
            "光伏产业园",
            "科技大道1号",
            "工业用地",
            30,
            dt.date(2020, 5, 1),
        ],
    ]


def test_export_file_name_is_chinese(parcels: dict[str, LandParcel], client_for: Any) -> None:
    response = client_for("leader").get(URL, {"export": "xlsx"})
    fallback, utf8 = response["Content-Disposition"].split("; filename*=UTF-8''")
    assert re.fullmatch(r'attachment; filename="\d{8}-\d{4}\.xlsx"', fallback)
    assert unquote(utf8).startswith("地块清单-")
    assert utf8.endswith(".xlsx")
    assert len(exported(client_for("leader"))) == 1 + 3


@pytest.mark.parametrize(("persona", "status"), [("contact", 403), ("anonymous", 302)])
def test_export_is_for_staff_only_as_the_list(
    parcels: dict[str, LandParcel], client_for: Any, persona: str, status: int
) -> None:
    client = client_for(persona)
    assert client.get(URL).status_code == status
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == status
    assert not response.get("Content-Type", "").startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("n", [3, 30])
def test_list_and_export_take_a_fixed_number_of_queries(
    personas: Personas, client_for: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    for i in range(n):
        LandParcelFactory(owner=EnterpriseFactory(), park=ParkFactory(code=f"p{i}", name=f"园区{i}"))
    client = client_for("officer_a")
    with django_assert_max_num_queries(
        6
    ):  # session, user, department, count, parcels with owners and parks, parks
        response = client.get(URL, {"sort": "-owner__name"})
    assert len(response.context["page"].object_list) == n
    with django_assert_max_num_queries(3):  # session, user, parcels with owners and parks
        rows = exported(client, sort="park__name")
    assert len(rows) == 1 + n
