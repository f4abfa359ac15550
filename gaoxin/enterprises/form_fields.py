"""Form fields that name an enterprise by its credit code and a parcel by its certificate number.

A zone has thousands of enterprises (the large demo 100,000): a drop-down of all of them would be megabytes of
HTML. Officials have the code at hand (it is on every document), so they type it; the field checks it and finds
the record, and shows the name next to it once chosen.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.enterprises import credit_code
from gaoxin.enterprises.models import Enterprise, LandParcel
from gaoxin.enterprises.validators import validate_credit_code


class EnterpriseCodeField(forms.CharField):
    """An enterprise, typed as its 18-character unified social credit code."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", gettext_lazy("The 18-character unified social credit code."))
        super().__init__(max_length=30, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Enterprise):
            return value.credit_code
        if isinstance(value, int):
            return Enterprise.objects.filter(pk=value).values_list("credit_code", flat=True).first() or ""
        return value

    def clean(self, value: Any) -> Enterprise | None:
        if isinstance(value, Enterprise):  # a disabled field keeps its initial enterprise
            return value
        text = super().clean(value)
        if not text:
            return None
        code = credit_code.normalize(text)
        validate_credit_code(code)
        enterprise = Enterprise.objects.filter(credit_code=code).first()
        if enterprise is None:
            raise ValidationError(
                _("No enterprise in the registry has the credit code %(code)s.") % {"code": code}
            )
        return enterprise


class ParcelField(forms.CharField):
    """A land parcel, typed as its real estate certificate number (不动产权证号)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", gettext_lazy("The real estate certificate number, as on the certificate.")
        )
        super().__init__(max_length=80, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, LandParcel):
            return value.certificate_no
        if isinstance(value, int):
            return LandParcel.objects.filter(pk=value).values_list("certificate_no", flat=True).first() or ""
        return value

    def clean(self, value: Any) -> LandParcel | None:
        if isinstance(value, LandParcel):
            return value
        text = super().clean(value)
        if not text:
            return None
        parcel = LandParcel.objects.filter(certificate_no=text.strip()).first()
        if parcel is None:
            raise ValidationError(
                _("No land parcel has the certificate number %(number)s.") % {"number": text}
            )
        return parcel
