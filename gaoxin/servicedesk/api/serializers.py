"""Input and output shapes of the service desk API; field names are the glossary's."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from gaoxin.accounts.models import User
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk import selectors
from gaoxin.servicedesk.choices import (
    Action,
    Channel,
    DeadlineName,
    Outcome,
    Rating,
    RedFlag,
    Urgency,
    VisitTopic,
)
from gaoxin.servicedesk.models import Category, RequestAttachment, RequestEvent, ServiceRequest, Visit


class EventSerializer(serializers.ModelSerializer[RequestEvent]):
    by = serializers.CharField(source="by_name")
    data: Any = serializers.DictField(help_text="The step's details, by field name.")

    class Meta:
        model = RequestEvent
        fields = ["action", "from_state", "to_state", "at", "by", "note", "data"]


class RequestAttachmentSerializer(serializers.ModelSerializer[RequestAttachment]):
    url = serializers.SerializerMethodField(help_text="Where to download the file.")

    class Meta:
        model = RequestAttachment
        fields = ["name", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, obj: RequestAttachment) -> str:
        return reverse("servicedesk:attachment_download", args=[obj.request.public_id, obj.pk])


def _attachments(serializer: serializers.Serializer[Any], obj: ServiceRequest) -> list[dict[str, Any]]:
    """The files the reader may see: the enterprise only those addressed to it (``selectors.attachments_for``)."""
    reader = serializer.context["request"].user
    return RequestAttachmentSerializer(selectors.attachments_for(reader, obj), many=True).data  # type: ignore[return-value]


class DeadlinesSerializer(serializers.Serializer[ServiceRequest]):
    """The deadline of each step of the request; null where the step has none."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            name: serializers.DateTimeField(source=f"{name}_due", allow_null=True, read_only=True)
            for name in dl.DEADLINE_NAMES
        }


class ServiceRequestSerializer(serializers.ModelSerializer[ServiceRequest]):
    credit_code = serializers.CharField(source="enterprise.credit_code")
    enterprise_name = serializers.CharField(source="enterprise.name")
    category = serializers.CharField(source="category.code")
    department: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    co_departments: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    signed_by: Any = serializers.StringRelatedField(allow_null=True)
    # blank until the step that sets them (read-only model fields would lose their blank choice)
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True, read_only=True)
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)
    due_limit = serializers.ChoiceField(choices=DeadlineName.choices, allow_blank=True, read_only=True)
    deadlines = DeadlinesSerializer(source="*", read_only=True)

    class Meta:
        model = ServiceRequest
        fields = [
            "public_id", "number", "credit_code", "enterprise_name", "title", "description", "category",
            "urgency", "channel", "state", "department", "co_departments", "received_at", "signed_by",
            "signed_at", "reply", "outcome", "rating", "supervision_level", "reopen_count", "return_count",
            "extension_days", "due_at", "due_limit", "deadlines", "calendar_missing_year", "closed_at",
        ]  # fmt: skip
        read_only_fields = fields


class ServiceRequestDetailSerializer(ServiceRequestSerializer):
    events = EventSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta(ServiceRequestSerializer.Meta):
        fields = [*ServiceRequestSerializer.Meta.fields, "events", "attachments"]
        read_only_fields = fields

    @extend_schema_field(RequestAttachmentSerializer(many=True))
    def get_attachments(self, obj: ServiceRequest) -> list[dict[str, Any]]:
        return _attachments(self, obj)


class ServiceRequestInputSerializer(serializers.Serializer[Any]):
    credit_code = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Enterprise.objects.all(), source="enterprise", required=False
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.PORTAL)
    contact_name = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    received_at = serializers.DateTimeField(required=False)


class ConflictSerializer(serializers.Serializer[Any]):
    """A step another officer took first: why, in the user's language."""

    detail = serializers.ListField(child=serializers.CharField())


class VisitSerializer(serializers.ModelSerializer[Visit]):
    credit_code = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Enterprise.objects.all(), source="enterprise"
    )
    officers = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True, role="officer"), many=True
    )
    department: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    topics = serializers.ListField(child=serializers.ChoiceField(choices=VisitTopic.choices), required=False)
    red_flags = serializers.ListField(child=serializers.ChoiceField(choices=RedFlag.choices), required=False)

    class Meta:
        model = Visit
        fields = [
            "id", "credit_code", "visited_on", "officers", "department", "people_met", "topics", "summary",
            "problems", "red_flags",
        ]  # fmt: skip
        read_only_fields = ["id", "department"]


class PortalEventSerializer(serializers.Serializer[Any]):
    """A step as the enterprise sees it (``workflow.disclose``): no internal note, no internal step."""

    action = serializers.ChoiceField(choices=Action.choices)
    at = serializers.DateTimeField(source="event.at")
    by = serializers.CharField(source="event.by_name")
    text = serializers.CharField()


class PortalRequestSerializer(serializers.ModelSerializer[ServiceRequest]):
    """A request as its enterprise's contact reads it: the reply only once the centre let it through."""

    category = serializers.CharField(source="category.code")
    department = serializers.CharField(source="department.name", default=None, allow_null=True)
    signed_by: Any = serializers.StringRelatedField(allow_null=True)
    reply = serializers.CharField(source="public_reply")
    outcome = serializers.SerializerMethodField()
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)
    # the one deadline promised to the enterprise (the internal limits are the committee's)
    reply_due = serializers.DateTimeField(source="resolve_due", allow_null=True, read_only=True)

    class Meta:
        model = ServiceRequest
        fields = [
            "public_id", "number", "title", "description", "category", "urgency", "channel", "state",
            "department", "received_at", "signed_by", "signed_at", "interim_note", "reply", "outcome", "rating",
            "reply_due", "extension_days", "closed_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Outcome.choices, allow_blank=True))
    def get_outcome(self, obj: ServiceRequest) -> str:
        return obj.outcome if obj.public_reply else ""


class PortalRequestDetailSerializer(PortalRequestSerializer):
    events = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta(PortalRequestSerializer.Meta):
        fields = [*PortalRequestSerializer.Meta.fields, "events", "attachments"]
        read_only_fields = fields

    @extend_schema_field(RequestAttachmentSerializer(many=True))
    def get_attachments(self, obj: ServiceRequest) -> list[dict[str, Any]]:
        return _attachments(self, obj)

    @extend_schema_field(PortalEventSerializer(many=True))
    def get_events(self, obj: ServiceRequest) -> list[dict[str, Any]]:
        rows = [
            selectors.TimelineRow(e, p.action, p.text)
            for e in obj.events.all()
            if (p := e.public) is not None
        ]
        return PortalEventSerializer(rows, many=True).data  # type: ignore[return-value]


def _for_each_reader(name: str, staff: type[serializers.Serializer[Any]],
                     portal: type[serializers.Serializer[Any]], many: bool = False) -> PolymorphicProxySerializer:  # fmt: skip
    """The schema of an answer that depends on the reader: staff read the whole request, a contact the
    portal's view of it."""
    return PolymorphicProxySerializer(
        component_name=name, serializers=[staff, portal], resource_type_field_name=None, many=many
    )


REQUEST_LIST = _for_each_reader(
    "ServiceRequestForReader", ServiceRequestSerializer, PortalRequestSerializer, True
)
REQUEST = _for_each_reader("ServiceRequestForReader", ServiceRequestSerializer, PortalRequestSerializer)
REQUEST_DETAIL = _for_each_reader(
    "ServiceRequestDetailForReader", ServiceRequestDetailSerializer, PortalRequestDetailSerializer
)
