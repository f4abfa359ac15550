"""One scoping rule per model: ``Model.objects.for_user(user)`` is what each persona may see of the registry."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel, Lease
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory, LandParcelFactory
from gaoxin.testing.personas import NAMES, Personas

STAFF = ("administrator", "leader", "officer_a", "officer_b")


def _user(personas: Personas, name: str):  # type: ignore[no-untyped-def]
    return personas.by_name(name) or AnonymousUser()


@pytest.mark.parametrize("name", NAMES)
def test_staff_see_every_enterprise_a_contact_their_own_and_anonymous_none(
    personas: Personas, name: str
) -> None:
    EnterpriseFactory(name="第三家企业")
    seen = set(Enterprise.objects.for_user(_user(personas, name)))
    if name in STAFF:
        assert seen == set(Enterprise.objects.all())
        assert len(seen) == 3
    elif name == "contact":
        assert seen == {personas.own_enterprise}
    else:
        assert seen == set()


@pytest.mark.parametrize("name", NAMES)
def test_a_contact_sees_the_parcels_their_enterprise_owns_or_leases(personas: Personas, name: str) -> None:
    owned = LandParcelFactory(owner=personas.own_enterprise)
    leased = LandParcelFactory(owner=personas.other_enterprise)
    Lease.objects.create(lessee=personas.own_enterprise, lessor=personas.other_enterprise, parcel=leased)
    Lease.objects.create(lessee=EnterpriseFactory(), lessor=personas.other_enterprise, parcel=leased)
    foreign = LandParcelFactory(owner=personas.other_enterprise)
    seen = list(LandParcel.objects.for_user(_user(personas, name)))
    if name in STAFF:
        assert sorted(p.pk for p in seen) == sorted(p.pk for p in (owned, leased, foreign))
    elif name == "contact":
        assert sorted(p.pk for p in seen) == sorted(p.pk for p in (owned, leased))  # each once
    else:
        assert seen == []


@pytest.mark.parametrize("name", NAMES)
def test_yearly_data_is_seen_with_its_enterprise(personas: Personas, name: str) -> None:
    own = EnterpriseYearFactory(enterprise=personas.own_enterprise)
    other = EnterpriseYearFactory(enterprise=personas.other_enterprise)
    seen = set(EnterpriseYear.objects.for_user(_user(personas, name)))
    expected = {"contact": {own}, "anonymous": set()}.get(name, {own, other})
    assert seen == expected
