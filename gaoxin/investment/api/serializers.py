"""Input and output shapes of the leads API; field names are the glossary's. A confidential lead read by someone
who may not see its investor shows its code name as its name and the investor's fields empty."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.models import Chain
from gaoxin.investment.forms.leads import LEAD_FIELDS
from gaoxin.investment.models import InvestmentTeam, Lead, LeadStage

HIDDEN_WHEN_CONFIDENTIAL = ("investor_name", "investor_credit_code", "investor_group")


class LeadSerializer(serializers.ModelSerializer[Lead]):
    stage = serializers.SlugRelatedField(
        slug_field="code", queryset=LeadStage.objects.filter(is_active=True), required=False
    )
    chain = serializers.SlugRelatedField(
        slug_field="code", queryset=Chain.objects.all(), allow_null=True, required=False
    )
    responsible_unit = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())
    officer = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), allow_null=True, required=False
    )
    lead_official = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), allow_null=True, required=False
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=InvestmentTeam.objects.filter(is_active=True), allow_null=True, required=False
    )
    stop_reason: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="name", read_only=True, allow_null=True
    )

    class Meta:
        model = Lead
        fields = [
            "id",
            "code",
            "stage",
            *LEAD_FIELDS,
            "status",
            "stop_reason",
            "stage_since",
            "registered_on",
            "next_action_on",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "code",
            "status",
            "stop_reason",
            "stage_since",
            "registered_on",
            "next_action_on",
            "updated_at",
        ]

    def to_representation(self, instance: Lead) -> dict[str, Any]:
        data = super().to_representation(instance)
        reader = self.context.get("viewer")
        if reader is not None and not reader.sees_investor(instance):
            data["name"] = instance.code_name
            for name in HIDDEN_WHEN_CONFIDENTIAL:
                data[name] = ""
        return data
