from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.core.models import ChangeLogEntry
from gaoxin.core.tabular.reading import read_workbook
from gaoxin.core.tabular.tests.test_writing import column_number_formats
from gaoxin.enterprises import exports, selectors
from gaoxin.enterprises.choices import LandUse
from gaoxin.enterprises.imports.pipeline import run_import
from gaoxin.enterprises.models import Chain, EnterpriseYear, Park
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(personas):
    park = Park.objects.create(code="pv", name="光伏产业园")
    chain = Chain.objects.create(code="pv", name="光伏")
    own = personas.own_enterprise
    own.park, own.contact_phone, own.former_names = park, "0573-0001", ["旧名一", "旧名二"]
    own.save()
    own.chains.set([chain])
    EnterpriseYear.objects.create(
        enterprise=own,
        year=2025,
        tax=Decimal("123.4567"),
        land_mu=Decimal("30.5"),
        employees=120,
        emissions_t=None,
    )
    return personas


def test_round_trip_changes_nothing(registry):
    before = ChangeLogEntry.objects.count()
    enterprises = exports.export_enterprises(selectors.registry_export())
    years = exports.export_years(selectors.year_export())
    first = run_import(kind="enterprises", data=enterprises, filename="e.xlsx", by=None)
    second = run_import(kind="years", data=years, filename="y.xlsx", by=None)
    assert first.counts == {"created": 0, "updated": 0, "unchanged": 2}, first.as_dict()
    assert second.counts == {"created": 0, "updated": 0, "unchanged": 1}, second.as_dict()
    assert ChangeLogEntry.objects.count() == before


def test_list_export_has_exactly_the_filtered_rows(registry, client_for):
    response = client_for("leader").get(reverse("enterprises:list"), {"park": "pv", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    (sheet,) = read_workbook(response.content, "x.xlsx")
    data_rows = [r for r in sheet.rows[1:] if any(c not in (None, "") for c in r)]
    assert [r[0] for r in data_rows] == [registry.own_enterprise.name]  # the name first, as in the list


def test_contact_export_contains_only_their_enterprise(registry, client_for):
    response = client_for("contact").get(reverse("enterprises:list"), {"export": "xlsx"})
    (sheet,) = read_workbook(response.content, "x.xlsx")
    names = {r[0] for r in sheet.rows[1:] if r and r[0]}
    assert names == {registry.own_enterprise.name}


def test_every_land_use_has_its_register_label() -> None:
    # A land use without a Chinese label would be exported as its code ("industrial") under 土地用途.
    assert sorted(exports.LAND_USE_LABELS.values()) == sorted(LandUse.values)


def test_the_export_keeps_names_that_look_like_formulas_as_text(registry, client_for):
    own = registry.own_enterprise
    own.name, own.contact_phone, own.former_names = HOSTILE_TEXTS[0], HOSTILE_TEXTS[1], [HOSTILE_TEXTS[2]]
    own.save()
    response = client_for("leader").get(reverse("enterprises:list"), {"export": "xlsx"})
    assert_text_cells(response.content, *HOSTILE_TEXTS)


def test_the_list_export_carries_every_column_the_list_shows(registry, client_for):
    client = client_for("leader")
    html = client.get(reverse("enterprises:list")).content.decode()
    table = html[html.index('id="enterprise-table"') : html.index("</thead>")]
    shown = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    response = client.get(reverse("enterprises:list"), {"export": "xlsx"})
    (sheet,) = read_workbook(response.content, "x.xlsx")
    assert list(sheet.rows[0][: len(shown)]) == shown  # same headers, same order
    own = registry.own_enterprise
    (row,) = [r for r in sheet.rows[1:] if r[0] == own.name]
    assert list(row[len(shown) - 3 : len(shown)]) == [2025, 123.4567, 30.5]  # latest year, tax, land
    formats = column_number_formats(response.content)
    assert [formats[len(shown) - 1], formats[len(shown)]] == ["#,##0.00", "#,##0.00"]  # as the list: 2 places
