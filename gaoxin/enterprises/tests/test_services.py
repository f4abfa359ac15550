from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.core import changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.core.request_context import request_id_scope
from gaoxin.enterprises import services
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.models import Chain, EnterpriseYear

pytestmark = pytest.mark.django_db


def test_create_records_one_change_with_who_and_request_id(personas):
    with request_id_scope("req-123"):
        enterprise = services.enterprise_create(
            data={"credit_code": make_code(serial=77), "name": "甲光伏有限公司", "industry_code": "3825"},
            by=personas.officer_a,
        )
    (entry,) = changelog.history(enterprise)
    assert entry.action == "create"
    assert entry.user == personas.officer_a
    assert entry.request_id == "req-123"
    assert entry.changes["name"] == [None, "甲光伏有限公司"]
    assert enterprise.name_initials == "jgfyxgs"


def test_update_records_old_and_new_values_only_for_changed_fields(personas):
    enterprise = personas.own_enterprise
    chain = Chain.objects.create(code="pv", name="光伏")
    changed = services.enterprise_update(
        enterprise=enterprise,
        data={"name": "新名称有限公司", "address": ""},
        chains=[chain],
        by=personas.officer_a,
    )
    assert changed == {"name": ["自有光伏科技有限公司", "新名称有限公司"], "chains": [[], ["光伏"]]}
    (entry,) = changelog.history(enterprise)
    assert entry.changes == changed


def test_update_without_change_writes_no_log(personas):
    enterprise = personas.own_enterprise
    assert (
        services.enterprise_update(
            enterprise=enterprise, data={"name": enterprise.name}, by=personas.officer_a
        )
        == {}
    )
    assert not ChangeLogEntry.objects.exists()


def test_bad_credit_code_is_refused_and_nothing_written(personas):
    bad = make_code(serial=5)[:-1] + ("0" if make_code(serial=5)[-1] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        services.enterprise_create(data={"credit_code": bad, "name": "坏代码公司"}, by=personas.officer_a)
    assert "credit_code" in error.value.message_dict
    assert not ChangeLogEntry.objects.exists()


def test_unknown_industry_code_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        services.enterprise_update(
            enterprise=personas.own_enterprise, data={"industry_code": "9999"}, by=None
        )
    assert "industry_code" in error.value.message_dict


def test_year_save_records_source_and_drops_confirmation_of_changed_values(personas):
    enterprise = personas.own_enterprise
    row = services.year_save(
        enterprise=enterprise,
        year=2025,
        values={"tax": Decimal("100"), "land_mu": Decimal("10")},
        sources={"tax": "tax", "land_mu": "land"},
        by=None,
    )
    row.confirmed_fields = ["tax", "land_mu"]
    row.save()
    services.year_save(
        enterprise=enterprise,
        year=2025,
        values={"tax": Decimal("120")},
        sources={"tax": "enterprise"},
        by=personas.officer_a,
    )
    row = EnterpriseYear.objects.get(pk=row.pk)
    assert row.tax == Decimal("120")
    assert row.sources == {"tax": "enterprise", "land_mu": "land"}
    assert row.confirmed_fields == ["land_mu"]
    update = changelog.history(row).filter(action="update").get()
    assert update.changes == {
        "tax": ["100", "120"],
        "sources": [{"tax": "tax", "land_mu": "land"}, {"tax": "enterprise", "land_mu": "land"}],
        "confirmed_fields": [["tax", "land_mu"], ["land_mu"]],
    }


def test_negative_values_are_refused(personas):
    with pytest.raises(ValidationError):
        services.year_save(
            enterprise=personas.own_enterprise, year=2025, values={"tax": Decimal("-1")}, sources={}, by=None
        )
    assert not EnterpriseYear.objects.exists()
