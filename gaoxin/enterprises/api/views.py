"""REST endpoints for the registry: the same scoped selectors and services as the pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import ReadOrCapability, acting_user
from gaoxin.core.api_errors import service_call
from gaoxin.enterprises import selectors, services
from gaoxin.enterprises.api.serializers import (
    EnterpriseSerializer,
    EnterpriseYearSerializer,
    LandParcelSerializer,
)
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.filters import EnterpriseFilterSet, ParcelFilterSet, YearFilterSet
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel
from gaoxin.enterprises.staff_sources import department_source
from gaoxin.enterprises.year_fields import YEAR_FIELDS


class EnterpriseViewSet(viewsets.ModelViewSet[Enterprise]):
    serializer_class = EnterpriseSerializer
    permission_classes = [ReadOrCapability]
    capability = Capability.REGISTRY
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = [DjangoFilterBackend]
    filterset_class = EnterpriseFilterSet

    def get_queryset(self) -> QuerySet[Enterprise]:
        return selectors.enterprise_records(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[Enterprise]) -> None:
        data = dict(serializer.validated_data)
        chains = data.pop("chains", [])
        serializer.instance = service_call(
            lambda: services.enterprise_create(data=data, chains=chains, by=acting_user(self.request))
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Enterprise]) -> None:
        data = dict(serializer.validated_data)
        chains = data.pop("chains", None)
        enterprise = serializer.instance
        assert enterprise is not None
        service_call(
            lambda: services.enterprise_update(
                enterprise=enterprise, data=data, chains=chains, by=acting_user(self.request)
            )
        )


class LandParcelViewSet(viewsets.ModelViewSet[LandParcel]):
    serializer_class = LandParcelSerializer
    permission_classes = [ReadOrCapability]
    capability = Capability.REGISTRY
    http_method_names = ["get", "post", "patch", "head", "options"]

    filter_backends = [DjangoFilterBackend]
    filterset_class = ParcelFilterSet

    def get_queryset(self) -> QuerySet[LandParcel]:
        return selectors.parcel_list(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[LandParcel]) -> None:
        serializer.instance = service_call(
            lambda: services.parcel_save(data=serializer.validated_data, by=acting_user(self.request))
        )

    def perform_update(self, serializer: serializers.BaseSerializer[LandParcel]) -> None:
        service_call(
            lambda: services.parcel_save(
                parcel=serializer.instance, data=serializer.validated_data, by=acting_user(self.request)
            )
        )


class EnterpriseYearViewSet(viewsets.ModelViewSet[EnterpriseYear]):
    """Yearly data; writes upsert by (credit_code, year) and record as the source of what they set the
    caller's department's (the tax bureau for 税务 …), else "other"."""

    serializer_class = EnterpriseYearSerializer
    permission_classes = [ReadOrCapability]
    capability = Capability.REGISTRY
    http_method_names = ["get", "post", "patch", "head", "options"]

    filter_backends = [DjangoFilterBackend]
    filterset_class = YearFilterSet

    def get_queryset(self) -> QuerySet[EnterpriseYear]:
        return selectors.year_records(self.request.user)

    def _save(self, serializer: serializers.BaseSerializer[EnterpriseYear]) -> None:
        data = dict(serializer.validated_data)
        instance = serializer.instance
        enterprise = data.pop("enterprise", None) or (instance.enterprise if instance else None)
        year = data.pop("year", None) or (instance.year if instance else None)
        if enterprise is None or year is None:
            raise ValidationError({"credit_code": _("Give the enterprise's credit code and the year.")})
        values = {k: v for k, v in data.items() if k in YEAR_FIELDS}
        serializer.instance = service_call(
            lambda: services.year_save(
                enterprise=enterprise,
                year=year,
                values=values,
                sources=dict.fromkeys(
                    values, department_source(acting_user(self.request)) or DataSource.OTHER
                ),
                by=acting_user(self.request),
            )
        )

    perform_create = _save
    perform_update = _save
