"""Input and output shapes of the enterprise API; field names are the glossary's."""

from __future__ import annotations

from typing import Any, cast

from rest_framework import serializers

from gaoxin.enterprises import credit_code as credit_codes
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Park
from gaoxin.enterprises.year_fields import YEAR_FIELDS

NAME_LENGTH = cast(int, Enterprise._meta.get_field("name").max_length)  # a former name is a name


class EnterpriseSerializer(serializers.ModelSerializer[Enterprise]):
    park = serializers.SlugRelatedField(
        slug_field="code", queryset=Park.objects.all(), allow_null=True, required=False
    )
    chains = serializers.SlugRelatedField(
        slug_field="code", queryset=Chain.objects.all(), many=True, required=False
    )
    industry_name = serializers.CharField(read_only=True)
    former_names = serializers.ListField(child=serializers.CharField(max_length=NAME_LENGTH), required=False)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "credit_code",
            "name",
            "former_names",
            "legal_representative",
            "address",
            "industry_code",
            "industry_name",
            "scale",
            "registered_on",
            "park",
            "chains",
            "status",
            "contact_name",
            "contact_phone",
            "contact_email",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def validate_credit_code(self, value: str) -> str:
        return credit_codes.normalize(value)


class LandParcelSerializer(serializers.ModelSerializer[LandParcel]):
    owner = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Enterprise.objects.all(), allow_null=True, required=False
    )
    park = serializers.SlugRelatedField(
        slug_field="code", queryset=Park.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = LandParcel
        fields = [
            "id",
            "certificate_no",
            "location",
            "area_mu",
            "use",
            "owner",
            "park",
            "longitude",
            "latitude",
            "acquired_on",
        ]
        read_only_fields = ["id"]


class EnterpriseYearSerializer(serializers.ModelSerializer[EnterpriseYear]):
    credit_code = serializers.SlugRelatedField(
        source="enterprise", slug_field="credit_code", queryset=Enterprise.objects.all()
    )
    sources = serializers.DictField(
        child=serializers.ChoiceField(choices=DataSource.choices), read_only=True, help_text="By field name."
    )
    confirmed_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=YEAR_FIELDS), read_only=True
    )

    class Meta:
        model = EnterpriseYear
        fields = ["id", "credit_code", "year", *YEAR_FIELDS, "sources", "confirmed_fields"]
        read_only_fields = ["id", "sources", "confirmed_fields"]
        validators: list[Any] = []
