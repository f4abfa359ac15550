"""REST endpoints for leads: the same scoped selectors, filters, permissions and services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from gaoxin.core.api_errors import service_call
from gaoxin.investment import permissions
from gaoxin.investment.api.serializers import LeadSerializer
from gaoxin.investment.filters import LeadFilterSet
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors import leads, pipeline
from gaoxin.investment.services import leads as leads_services


class LeadAccess(BasePermission):
    """Staff read the leads they are scoped to; any officer registers (全员招商); owners and the bureau edit."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_staff_member):
            return False
        if request.method == "POST":
            return permissions.may_register(user)
        return True

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return request.method in SAFE_METHODS or permissions.may_edit(request.user, obj)


class LeadViewSet(viewsets.ModelViewSet[Lead]):
    """Leads (招商线索): list and read as scoped; register (POST) and edit (PATCH) through the services. The stage
    changes only by a move (on the lead's page)."""

    serializer_class = LeadSerializer
    permission_classes = [LeadAccess]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = [DjangoFilterBackend]
    filterset_class = LeadFilterSet

    def get_queryset(self) -> QuerySet[Lead]:
        return leads.lead_list(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "viewer": pipeline.viewer(self.request.user)}

    def perform_create(self, serializer: serializers.BaseSerializer[Lead]) -> None:
        serializer.instance = service_call(
            lambda: leads_services.lead_create(
                data=dict(serializer.validated_data),
                by=self.request.user,  # type: ignore[arg-type]  # LeadAccess let only staff through
            )
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Lead]) -> None:
        lead = serializer.instance
        assert lead is not None
        service_call(
            lambda: leads_services.lead_update(
                lead=lead,
                data=dict(serializer.validated_data),
                by=self.request.user,  # type: ignore[arg-type]
            )
        )
        lead.refresh_from_db()
