"""Shapes of the evaluation API; field names are the glossary's."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from gaoxin.enterprises.models import Enterprise
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.engine.reasons import Reason
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Objection, Scheme


class SchemeSerializer(serializers.ModelSerializer[Scheme]):
    class Meta:
        model = Scheme
        fields = ["id", "name", "version", "year", "description", "text", "text_hash", "source_file", "is_active",
                  "created_at"]  # fmt: skip
        read_only_fields = [
            "id",
            "name",
            "version",
            "year",
            "description",
            "text_hash",
            "is_active",
            "created_at",
        ]


class RunSerializer(serializers.ModelSerializer[EvaluationRun]):
    scheme = serializers.PrimaryKeyRelatedField(queryset=Scheme.objects.filter(is_active=True))
    grade_counts = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, help_text="Enterprises per grade."
    )

    class Meta:
        model = EvaluationRun
        fields = ["id", "year", "scheme", "scheme_name", "scheme_version", "scheme_hash", "input_fingerprint",
                  "status", "note", "enterprise_count", "grade_counts", "publicity_starts_on", "publicity_ends_on",
                  "scored_at", "approved_at", "published_at", "created_at"]  # fmt: skip
        read_only_fields = [name for name in fields if name not in ("year", "scheme", "note")]


class IndicatorScoreSerializer(serializers.Serializer[Any]):
    """One indicator of a result: its value, the group's benchmark (and minimum, if any), score, percentile."""

    value = serializers.FloatField(allow_null=True, read_only=True)
    benchmark = serializers.FloatField(allow_null=True, read_only=True)
    minimum = serializers.FloatField(allow_null=True, read_only=True)
    score = serializers.FloatField(allow_null=True, read_only=True)
    percentile = serializers.FloatField(allow_null=True, read_only=True)


class ReasonSerializer(serializers.Serializer[Any]):
    """Why a result is as it is: a reason code, the indicator or rule it concerns, and its label."""

    code = serializers.ChoiceField(
        choices=[(reason.value, reason.value) for reason in Reason], read_only=True
    )
    key = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class ResultSerializer(serializers.ModelSerializer[EvaluationResult]):
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)
    name = serializers.CharField(source="enterprise.name", read_only=True)
    year = serializers.IntegerField(source="run.year", read_only=True)
    indicators = serializers.DictField(
        child=IndicatorScoreSerializer(), read_only=True, help_text="By indicator key."
    )
    inputs = serializers.DictField(
        child=serializers.JSONField(),
        read_only=True,
        help_text="The figures and declared inputs the scheme read.",
    )
    adjustments = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        read_only=True,
        help_text="Points added or taken, by rule.",
    )
    reasons = ReasonSerializer(many=True, read_only=True)

    class Meta:
        model = EvaluationResult
        fields = ["id", "run", "year", "credit_code", "name", "group", "status", "rank_partition", "indicators",
                  "inputs", "base_score", "correction", "adjustments", "adjustment_total", "total", "rank",
                  "ranked_count", "top_percent", "grade_merit", "grade_computed", "grade", "regraded", "reasons"]  # fmt: skip
        read_only_fields = fields


class ObjectionSerializer(serializers.ModelSerializer[Objection]):
    credit_code = serializers.SlugRelatedField(
        source="enterprise", slug_field="credit_code", queryset=Enterprise.objects.all()
    )
    run = serializers.PrimaryKeyRelatedField(queryset=EvaluationRun.objects.all())
    corrections = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        read_only=True,
        help_text="The figures the decision corrected: by field name, [before, after].",
    )

    class Meta:
        model = Objection
        fields = ["id", "run", "credit_code", "text", "status", "decision", "corrections", "created_at",
                  "handled_at"]  # fmt: skip
        read_only_fields = ["id", "status", "decision", "corrections", "created_at", "handled_at"]


class DecisionSerializer(serializers.Serializer[Any]):
    """Accepting (with corrected figures of the run's year) or rejecting an objection."""

    decision = serializers.CharField(required=False, allow_blank=True, default="")
    values = serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True),
                                   required=False, default=dict)  # fmt: skip

    def validate_values(self, values: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(values) - set(YEAR_FIELDS))
        if unknown:
            raise serializers.ValidationError(_("Unknown fields: %(names)s") % {"names": ", ".join(unknown)})
        if values.get("employees") is not None:
            values["employees"] = int(values["employees"])
        return values
