"""factory_boy factories for the registry, producing valid credit codes and industry codes."""

from __future__ import annotations

import itertools
from decimal import Decimal

import factory

from gaoxin.enterprises import credit_code
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel, Park

_serials = itertools.count(1)


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"park{n}")
    name = factory.Sequence(lambda n: f"测试园区{n}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    credit_code = factory.LazyFunction(lambda: credit_code.make_code(serial=900_000 + next(_serials)))
    name = factory.Sequence(lambda n: f"测试光伏科技有限公司{n}")
    industry_code = "3825"
    scale = "above_scale"


class LandParcelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LandParcel

    certificate_no = factory.Sequence(lambda n: f"浙(2020)测试市不动产权第{n:07d}号")
    area_mu = Decimal("30")
    owner = factory.SubFactory(EnterpriseFactory)


class EnterpriseYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseYear

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2025
    tax = Decimal("600")
    revenue = Decimal("20000")
    land_mu = Decimal("30")
