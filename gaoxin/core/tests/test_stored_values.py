"""A number the database holds but its column cannot represent takes no page down: it shows as invalid.

SQLite stores any number in a decimal column (an old import wrote 1e20 into 18 digits); PostgreSQL stores
NaN in a numeric column. Either is written here with raw SQL, as it would be found in a real database.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.testing.factories import EnterpriseYearFactory

pytestmark = pytest.mark.django_db

INVALID = "无效值"


@pytest.fixture
def bad_year(personas):
    row = EnterpriseYearFactory(enterprise=personas.own_enterprise, year=2025)
    bad = "1e20" if connection.vendor == "sqlite" else "'NaN'::numeric"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {EnterpriseYear._meta.db_table} SET tax = {bad}, revenue = {bad} WHERE id = %s", [row.pk]
        )
    return row


def test_reading_the_row_gives_an_invalid_number_instead_of_an_error(bad_year):
    row = EnterpriseYear.objects.get(pk=bad_year.pk)
    assert row.tax is not None
    assert row.tax.is_nan()


@pytest.mark.parametrize(
    ("persona", "name", "params"),
    [
        ("officer_a", "enterprises:list", {}),
        ("officer_a", "enterprises:list", {"export": "xlsx"}),
        ("officer_a", "enterprises:detail", "own"),
        ("contact", "enterprises:detail", "own"),
        ("contact", "evaluation:portal", {}),
    ],
)
def test_pages_and_exports_survive_a_bad_stored_value(bad_year, client_for, personas, persona, name, params):
    if params == "own":
        url, params = reverse(name, args=[personas.own_enterprise.pk]), {}
    else:
        url = reverse(name)
    response = client_for(persona).get(url, params)
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html") and name != "enterprises:list":
        assert INVALID in response.content.decode()


def test_the_years_api_lists_a_bad_stored_value_as_not_a_number(bad_year, client_for):
    response = client_for("officer_a").get("/api/v1/years/")
    assert response.status_code == 200
    assert [row["tax"] for row in response.json()["results"]] == ["NaN"]
