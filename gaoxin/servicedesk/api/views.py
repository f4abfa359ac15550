"""REST endpoints of the service desk: the same scoped selectors, the same services, the same step forms as the
pages. A step is ``POST /api/v1/requests/{public_id}/steps/{action}/`` with the step's fields as JSON; a refused
step answers 400 (409 when another officer signed first) with the reason in the user's language."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from gaoxin.accounts.models import User
from gaoxin.core.api_errors import service_call
from gaoxin.servicedesk import permissions, selectors, services
from gaoxin.servicedesk.api.serializers import (
    REQUEST,
    REQUEST_DETAIL,
    REQUEST_LIST,
    ConflictSerializer,
    PortalRequestDetailSerializer,
    PortalRequestSerializer,
    ServiceRequestDetailSerializer,
    ServiceRequestInputSerializer,
    ServiceRequestSerializer,
    VisitSerializer,
)
from gaoxin.servicedesk.filters import RequestFilterSet, VisitFilterSet
from gaoxin.servicedesk.models import ServiceRequest, Visit
from gaoxin.servicedesk.services import AlreadySigned
from gaoxin.servicedesk.services import visits as visit_services
from gaoxin.servicedesk.views.steps import STEP_FORMS


def _user(request: Request) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


class Conflict(APIException):
    """Another officer took the step first (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@extend_schema_view(
    list=extend_schema(responses=REQUEST_LIST), retrieve=extend_schema(responses=REQUEST_DETAIL)
)
class ServiceRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ServiceRequest],
):
    permission_classes = [IsAuthenticated]
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-z]+"
    queryset = ServiceRequest.objects.none()  # for the schema; get_queryset scopes the real one
    filter_backends = [DjangoFilterBackend]
    filterset_class = RequestFilterSet

    def get_queryset(self) -> QuerySet[ServiceRequest]:
        return selectors.request_api(_user(self.request), detail=self.action == "retrieve")

    def _portal(self) -> bool:
        if getattr(self, "swagger_fake_view", False):  # the schema: one for every reader, declared above
            return False
        return not permissions.may_see_internal(_user(self.request))

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action == "create":
            return ServiceRequestInputSerializer
        if self.action == "retrieve":
            return PortalRequestDetailSerializer if self._portal() else ServiceRequestDetailSerializer
        return PortalRequestSerializer if self._portal() else ServiceRequestSerializer

    @extend_schema(request=ServiceRequestInputSerializer, responses={201: REQUEST})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = _user(request)
        if not permissions.may_create(user):
            raise PermissionDenied
        data = ServiceRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        enterprise = user.enterprise if user.is_enterprise_contact else values.pop("enterprise", None)
        values.pop("enterprise", None)
        if enterprise is None:
            raise ValidationError({"credit_code": [_("This field is required.")]})
        created = service_call(lambda: services.request_create(enterprise=enterprise, by=user, **values))
        return Response(self._output(created), status=status.HTTP_201_CREATED)

    def _output(self, item: ServiceRequest) -> Any:
        return (PortalRequestSerializer if self._portal() else ServiceRequestSerializer)(item).data

    @extend_schema(
        parameters=[
            OpenApiParameter("step", OpenApiTypes.STR, OpenApiParameter.PATH, enum=sorted(STEP_FORMS))
        ],
        request={"application/json": {"type": "object", "description": "the fields of the step's form"}},
        responses={
            200: REQUEST,
            409: OpenApiResponse(ConflictSerializer, description="Another officer took the step first."),
        },
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request: Request, public_id: str, step: str) -> Response:
        if step not in STEP_FORMS:
            raise NotFound
        user = _user(request)
        item = self.get_object()
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": [_("Send the step's fields as an object.")]})
        form_class, perform = STEP_FORMS[step]
        form = form_class(request.data)
        if not form.is_valid():
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})

        def take_step() -> None:
            try:
                perform(item, user, form.cleaned_data)
            except AlreadySigned as error:
                raise Conflict({"detail": error.messages}) from error

        service_call(take_step)
        item.refresh_from_db()
        return Response(self._output(item))


class VisitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[Visit]
):
    """Visits are staff notes: enterprise contacts see none and record none."""

    permission_classes = [IsAuthenticated]
    serializer_class = VisitSerializer
    queryset = Visit.objects.none()  # for the schema; get_queryset scopes the real one
    filter_backends = [DjangoFilterBackend]
    filterset_class = VisitFilterSet

    def get_queryset(self) -> QuerySet[Visit]:
        return selectors.visit_list(_user(self.request))

    def perform_create(self, serializer: serializers.BaseSerializer[Visit]) -> None:
        user = _user(self.request)
        if not permissions.may_record_visits(user):
            raise PermissionDenied
        data = dict(serializer.validated_data)
        officers = data.pop("officers")
        serializer.instance = service_call(
            lambda: visit_services.visit_save(data=data, officers=officers, by=user)
        )
