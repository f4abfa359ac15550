"""REST endpoints for projects: the same scoped selectors, permissions and services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.accounts.permissions import acting_user
from gaoxin.core.api_errors import service_call
from gaoxin.projects import permissions, selectors
from gaoxin.projects.api.serializers import (
    MonthlyReportSerializer,
    ProjectIssueSerializer,
    ProjectSerializer,
    TransitionSerializer,
)
from gaoxin.projects.filters import ProjectFilterSet
from gaoxin.projects.models import Project
from gaoxin.projects.selectors import issue_board
from gaoxin.projects.services import issues as issue_services
from gaoxin.projects.services import progress as progress_services
from gaoxin.projects.services import projects as services


class ProjectAccess(BasePermission):
    """Staff read; the project office creates; the office and the responsible unit change a project."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not permissions.may_read(request.user):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            return permissions.may_create(request.user)
        return True

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return request.method in SAFE_METHODS or permissions.may_edit(request.user, obj)


class ProjectViewSet(viewsets.ModelViewSet[Project]):
    serializer_class = ProjectSerializer
    permission_classes = [ProjectAccess]
    http_method_names = ["get", "post", "patch", "head", "options"]

    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet

    def get_queryset(self) -> QuerySet[Project]:
        return selectors.project_api(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer[Project]) -> None:
        serializer.instance = service_call(
            lambda: services.project_create(
                data=dict(serializer.validated_data),
                by=acting_user(self.request),  # ProjectAccess let only staff through
            )
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Project]) -> None:
        project = serializer.instance
        assert project is not None
        service_call(
            lambda: services.project_update(
                project=project,
                data=dict(serializer.validated_data),
                by=acting_user(self.request),
            )
        )

    @extend_schema(methods=["GET"], responses=TransitionSerializer(many=True))
    @extend_schema(methods=["POST"], request=TransitionSerializer, responses={201: TransitionSerializer})
    @action(
        detail=True, methods=["get", "post"], serializer_class=TransitionSerializer, pagination_class=None
    )
    def transitions(self, request: Request, pk: str | None = None) -> Response:
        """GET: the project's stage transitions; POST: record one (to_stage, on, evidence, and a reason when it skips stages or moves back)."""
        project = self.get_object()
        if request.method == "GET":
            moves = selectors.transitions(project)
            return Response(TransitionSerializer(moves, many=True).data)
        incoming = TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        moved = service_call(
            lambda: services.transition(
                project=project,
                to_stage=incoming.validated_data["to_stage"],
                on=incoming.validated_data["on"],
                evidence=incoming.validated_data["evidence"],
                reason=incoming.validated_data.get("reason", ""),
                by=acting_user(request),
            )
        )
        return Response(TransitionSerializer(moved).data, status=201)

    @extend_schema(methods=["GET"], responses=MonthlyReportSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=MonthlyReportSerializer, responses={201: MonthlyReportSerializer}
    )
    @action(
        detail=True, methods=["get", "post"], serializer_class=MonthlyReportSerializer, pagination_class=None
    )
    def reports(self, request: Request, pk: str | None = None) -> Response:
        """GET: the project's monthly reports; POST: file one month (year, month, completed, planned,
        physical_progress) — the light is recomputed."""
        project = self.get_object()
        if request.method == "GET":
            rows = selectors.monthly_reports(project)
            return Response(MonthlyReportSerializer(rows, many=True).data)
        incoming = MonthlyReportSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        report = service_call(
            lambda: progress_services.file_report(
                project=project,
                year=data["year"],
                month=data["month"],
                completed=data["completed"],
                planned=data.get("planned"),
                physical_progress=data.get("physical_progress", ""),
                by=acting_user(request),
            )
        )
        return Response(MonthlyReportSerializer(report).data, status=201)

    @extend_schema(methods=["GET"], responses=ProjectIssueSerializer(many=True))
    @extend_schema(methods=["POST"], request=ProjectIssueSerializer, responses={201: ProjectIssueSerializer})
    @action(
        detail=True, methods=["get", "post"], serializer_class=ProjectIssueSerializer, pagination_class=None
    )
    def issues(self, request: Request, pk: str | None = None) -> Response:
        """GET: the project's problems; POST: log one (title, description, unit, deadline)."""
        project = self.get_object()
        if request.method == "GET":
            rows = issue_board.project_issue_rows(project)
            return Response(ProjectIssueSerializer(rows, many=True).data)
        incoming = ProjectIssueSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        issue = service_call(
            lambda: issue_services.issue_create(
                project=project,
                data=dict(incoming.validated_data),
                by=acting_user(request),
            )
        )
        return Response(ProjectIssueSerializer(issue).data, status=201)
