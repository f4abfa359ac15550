"""The engine's input read from the registry: figures, keys, the lessor of the year, further inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from gaoxin.enterprises.models import Lease
from gaoxin.evaluation import services
from gaoxin.evaluation.selectors.frames import fingerprint, year_frame
from gaoxin.evaluation.tests.zone import YEAR, Zone
from gaoxin.testing.factories import EnterpriseFactory, ParkFactory

pytestmark = pytest.mark.django_db


def test_one_row_per_enterprise_with_figures_keys_and_typed_inputs(zone: Zone) -> None:
    zone.f1.park = ParkFactory(code="east")
    zone.f1.registered_on = dt.date(2012, 5, 1)
    zone.f1.save()
    services.inputs_save(enterprise=zone.f2, year=YEAR, values={"safety_accident": True}, by=None)
    frame = year_frame(YEAR, zone.scheme.parsed())
    assert frame["credit_code"].to_list() == sorted(e.credit_code for e in (zone.f1, zone.f2, zone.f3))
    row = frame.filter(pl.col("credit_code") == zone.f1.credit_code).row(0, named=True)
    assert (row["tax"], row["land_mu"], row["park"], row["scale"]) == (300.0, 10.0, "east", "above_scale")
    assert row["registration_date"] == dt.date(2012, 5, 1)
    assert row["industry_code"] == "3825"
    assert frame.schema["safety_accident"] == pl.Boolean
    flags = dict(frame.select("credit_code", "safety_accident").iter_rows())
    assert flags == {zone.f1.credit_code: None, zone.f2.credit_code: True, zone.f3.credit_code: None}


def test_the_lessor_is_that_of_the_largest_lease_running_in_the_year(zone: Zone) -> None:
    small, large, ended = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    Lease.objects.create(lessee=zone.f3, lessor=small, land_mu=Decimal("1"))
    Lease.objects.create(lessee=zone.f3, lessor=large, land_mu=Decimal("5"), starts_on=dt.date(2024, 1, 1))
    Lease.objects.create(
        lessee=zone.f3,
        lessor=ended,
        land_mu=Decimal("9"),
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2024, 12, 31),
    )
    frame = year_frame(YEAR, zone.scheme.parsed())
    lessors = dict(frame.select("credit_code", "lessor_credit_code").iter_rows())
    assert lessors[zone.f3.credit_code] == large.credit_code
    assert lessors[zone.f1.credit_code] is None


def test_the_fingerprint_ignores_row_order_and_ids(zone: Zone) -> None:
    frame = year_frame(YEAR, zone.scheme.parsed())
    shuffled = frame.reverse().with_columns(pl.col("enterprise_id") + 1000)
    assert fingerprint(frame) == fingerprint(shuffled)
    assert fingerprint(frame) != fingerprint(frame.with_columns(pl.col("tax") + 1))
