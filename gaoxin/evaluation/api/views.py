"""REST endpoints of the evaluation: the same scoped selectors and services as the pages.

Reads follow the pages' scopes (contacts see only their own enterprise's public results and objections);
writes need the evaluation capability, except that a contact may file an objection for their own enterprise.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import ReadOrCapability, acting_user
from gaoxin.core.api_errors import service_call
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.api.serializers import (
    DecisionSerializer,
    ObjectionSerializer,
    ResultSerializer,
    RunSerializer,
    SchemeSerializer,
)
from gaoxin.evaluation.filters import ObjectionFilterSet, ResultFilterSet, RunFilterSet
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Objection, Scheme


class SchemeViewSet(viewsets.ModelViewSet[Scheme]):
    serializer_class = SchemeSerializer
    permission_classes = [ReadOrCapability]
    capability = Capability.EVALUATION
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Scheme]:
        return selectors.scheme_list(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[Scheme]) -> None:
        data = serializer.validated_data
        serializer.instance = service_call(
            lambda: services.scheme_create(
                text=data["text"], source_file=data.get("source_file", ""), by=acting_user(self.request)
            )
        )


class RunViewSet(viewsets.ModelViewSet[EvaluationRun]):
    """Runs; POST starts one (scored in the worker: poll its ``status``)."""

    serializer_class = RunSerializer
    permission_classes = [ReadOrCapability]
    capability = Capability.EVALUATION
    http_method_names = ["get", "post", "head", "options"]

    filter_backends = [DjangoFilterBackend]
    filterset_class = RunFilterSet

    def get_queryset(self) -> QuerySet[EvaluationRun]:
        return selectors.run_list(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[EvaluationRun]) -> None:
        data = serializer.validated_data
        serializer.instance = service_call(
            lambda: services.run_start(
                year=data["year"],
                scheme=data["scheme"],
                note=data.get("note", ""),
                by=acting_user(self.request),
            )
        )


class ResultViewSet(viewsets.ReadOnlyModelViewSet[EvaluationResult]):
    """Results, filtered by ``run``, ``grade`` or ``credit_code``; contacts see only their own public ones."""

    serializer_class = ResultSerializer
    permission_classes = [ReadOrCapability]

    filter_backends = [DjangoFilterBackend]
    filterset_class = ResultFilterSet

    def get_queryset(self) -> QuerySet[EvaluationResult]:
        return selectors.result_records(self.request.user)


class ObjectionPermission(ReadOrCapability):
    """Reads as scoped; filing also by enterprise contacts (for their own enterprise); deciding: the capability."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        filing = getattr(view, "action", None) == "create"
        if filing and user and user.is_authenticated and user.is_enterprise_contact:
            return True
        return super().has_permission(request, view)


class ObjectionViewSet(viewsets.ModelViewSet[Objection]):
    serializer_class = ObjectionSerializer
    permission_classes = [ObjectionPermission]
    capability = Capability.EVALUATION
    http_method_names = ["get", "post", "head", "options"]

    filter_backends = [DjangoFilterBackend]
    filterset_class = ObjectionFilterSet

    def get_queryset(self) -> QuerySet[Objection]:
        return selectors.objection_list(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[Objection]) -> None:
        data = serializer.validated_data
        try:
            run = selectors.run_get(self.request.user, data["run"].pk)
        except Http404:
            raise ValidationError({"run": [_("No such evaluation run.")]}) from None
        serializer.instance = service_call(
            lambda: services.objection_file(
                run=run, enterprise=data["enterprise"], text=data["text"], by=acting_user(self.request)
            )
        )

    @extend_schema(request=DecisionSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        decision = DecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        objection = service_call(
            lambda: services.objection_accept(
                objection=self.get_object(),
                values=decision.validated_data["values"],
                decision=decision.validated_data["decision"],
                by=acting_user(request),
            )
        )
        return Response(ObjectionSerializer(objection).data)

    @extend_schema(request=DecisionSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        decision = DecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        objection = service_call(
            lambda: services.objection_reject(
                objection=self.get_object(),
                decision=decision.validated_data["decision"],
                by=acting_user(request),
            )
        )
        return Response(ObjectionSerializer(objection).data)
