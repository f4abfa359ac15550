"""Enterprises and parcels typed by their codes in forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.form_fields import EnterpriseCodeField, ParcelField
from gaoxin.testing.factories import EnterpriseFactory, LandParcelFactory

pytestmark = pytest.mark.django_db


def test_an_enterprise_is_found_by_its_code_typed_loosely() -> None:
    firm = EnterpriseFactory()
    field = EnterpriseCodeField(required=False)
    assert field.clean(f"  {firm.credit_code.lower()} ") == firm
    assert field.clean("") is None
    assert field.prepare_value(firm.pk) == firm.credit_code


def test_a_bad_or_unknown_code_is_named_in_chinese() -> None:
    field = EnterpriseCodeField()
    unknown = make_code(serial=777_777)
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as error:
            field.clean(unknown)
        assert unknown in error.value.messages[0]
        assert "统一社会信用代码" in error.value.messages[0]
        with pytest.raises(ValidationError):
            field.clean(unknown[:-1] + ("0" if unknown[-1] != "0" else "1"))  # checksum


def test_a_parcel_is_found_by_its_certificate_number() -> None:
    parcel = LandParcelFactory()
    field = ParcelField(required=False)
    assert field.clean(parcel.certificate_no) == parcel
    with pytest.raises(ValidationError):
        field.clean("浙(2020)不存在第0000000号")
