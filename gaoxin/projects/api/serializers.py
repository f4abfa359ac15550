"""Input and output shapes of the projects API; field names are the glossary's."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gaoxin.accounts.models import Department
from gaoxin.enterprises.models import Chain, Enterprise, LandParcel, Park
from gaoxin.projects.choices import Light
from gaoxin.projects.forms.projects import PROFILE_FIELDS
from gaoxin.projects.models import MonthlyReport, Project, ProjectIssue, Stage, StageTransition


class LightReasonSerializer(serializers.Serializer[Any]):
    """One reason for a project's light: the light it calls for and a message with its parameters."""

    light = serializers.ChoiceField(choices=Light.choices, read_only=True)
    msgid = serializers.CharField(
        read_only=True, help_text="The message (English, with %(name)s placeholders)."
    )
    params = serializers.DictField(read_only=True, help_text="The values of the message's placeholders.")


class ProjectSerializer(serializers.ModelSerializer[Project]):
    stage = serializers.SlugRelatedField(slug_field="code", queryset=Stage.objects.filter(is_active=True))
    owner = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Enterprise.objects.all(), allow_null=True, required=False
    )
    chain = serializers.SlugRelatedField(
        slug_field="code", queryset=Chain.objects.all(), allow_null=True, required=False
    )
    park = serializers.SlugRelatedField(
        slug_field="code", queryset=Park.objects.all(), allow_null=True, required=False
    )
    parcel = serializers.SlugRelatedField(
        slug_field="certificate_no", queryset=LandParcel.objects.all(), allow_null=True, required=False
    )
    responsible_unit = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())
    light_reasons = LightReasonSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "stage",
            *PROFILE_FIELDS,
            "stage_since",
            "started_on",
            "completed_on",
            "production_on",
            "physical_progress",
            "light",
            "light_reasons",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "stage_since",
            "started_on",
            "completed_on",
            "production_on",
            "physical_progress",
            "light",
            "light_reasons",
            "updated_at",
        ]


class TransitionSerializer(serializers.ModelSerializer[StageTransition]):
    from_stage: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    to_stage = serializers.SlugRelatedField(slug_field="code", queryset=Stage.objects.filter(is_active=True))
    by: Any = serializers.StringRelatedField()

    class Meta:
        model = StageTransition
        fields = ["id", "from_stage", "to_stage", "on", "kind", "reason", "evidence", "by", "recorded_at"]
        read_only_fields = ["id", "from_stage", "kind", "by", "recorded_at"]


class MonthlyReportSerializer(serializers.ModelSerializer[MonthlyReport]):
    reported_by: Any = serializers.StringRelatedField()

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "year",
            "month",
            "planned",
            "completed",
            "physical_progress",
            "ytd_completed",
            "since_start_completed",
            "reported_by",
            "reported_at",
        ]
        read_only_fields = ["id", "ytd_completed", "since_start_completed", "reported_by", "reported_at"]
        extra_kwargs = {"completed": {"required": True, "allow_null": False}}
        validators: list[object] = []  # one report per month: filing again replaces it


class ProjectIssueSerializer(serializers.ModelSerializer[ProjectIssue]):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())

    class Meta:
        model = ProjectIssue
        fields = [
            "id",
            "title",
            "description",
            "raised_on",
            "unit",
            "deadline",
            "meeting_on",
            "status",
            "progress_note",
            "resolution",
            "closed_on",
        ]
        read_only_fields = ["id", "status", "progress_note", "resolution", "closed_on"]
        extra_kwargs = {"raised_on": {"required": False}}
