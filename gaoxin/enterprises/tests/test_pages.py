"""Pages render what they promise, within a fixed number of queries whatever the data size."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.enterprises.models import Chain, Lease
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory, LandParcelFactory

pytestmark = pytest.mark.django_db

LIST_QUERIES = 8  # session, user, count, page, latest years, parks, chains, department
DETAIL_QUERIES = 14


def _populate(n: int) -> None:
    chain = Chain.objects.get_or_create(code="pv", name="光伏")[0]
    for i in range(n):
        e = EnterpriseFactory()
        e.chains.add(chain)
        for year in (2024, 2025):
            EnterpriseYearFactory(enterprise=e, year=year, tax=Decimal(100 + i))


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow_with_rows(client_for, django_assert_max_num_queries, n):
    _populate(n)
    client = client_for("leader")
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("enterprises:list"), {"chain": "pv", "sort": "-credit_code"})
    assert response.status_code == 200
    assert response.content.decode().count('<tr>\n  <td><a href="/enterprises/') == n


def test_detail_query_count_with_land_leases_and_years(client_for, personas, django_assert_max_num_queries):
    own = personas.own_enterprise
    for _ in range(3):
        LandParcelFactory(owner=own)
    Lease.objects.create(lessee=personas.other_enterprise, lessor=own, land_mu=Decimal("2"))
    for year in range(2021, 2026):
        EnterpriseYearFactory(enterprise=own, year=year)
    client = client_for("officer_a")
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("enterprises:detail", args=[own.pk]))
    html = response.content.decode()
    assert 'id="trend-chart"' in html
    assert html.count("<tr><td>20") == 5


def test_filters_and_search(client_for, personas):
    client = client_for("leader")
    assert (
        personas.other_enterprise.name
        in client.get(reverse("enterprises:list"), {"q": "tjqc"}).content.decode()
    )
    html = client.get(reverse("enterprises:list"), {"industry": "36"}).content.decode()
    assert personas.other_enterprise.name in html
    assert personas.own_enterprise.name not in html
    html = client.get(
        reverse("enterprises:list"), {"q": personas.own_enterprise.credit_code[:10]}
    ).content.decode()
    assert personas.own_enterprise.name in html


def test_create_form_shows_field_errors(client_for):
    response = client_for("officer_a").post(
        reverse("enterprises:create"),
        {"credit_code": "123", "name": "", "scale": "below_scale", "status": "operating"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"credit_code", "name"}


def test_editing_through_the_page_records_old_and_new_values(client_for, personas):
    own = personas.own_enterprise
    data = {
        "credit_code": own.credit_code,
        "name": "改名后有限公司",
        "industry_code": "3825",
        "scale": "above_scale",
        "status": "operating",
        "former_names_text": own.name,
    }
    response = client_for("officer_a").post(reverse("enterprises:edit", args=[own.pk]), data)
    assert response.status_code == 302
    from gaoxin.core import changelog

    entry = changelog.history(own).get()
    assert entry.changes["name"] == [own.name, "改名后有限公司"]
    assert entry.changes["former_names"] == [[], [own.name]]
