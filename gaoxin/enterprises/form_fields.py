"""Form fields that name an enterprise by its credit code and a parcel by its certificate number.

A zone has thousands of enterprises (the large demo 100,000): a drop-down of all of them would be megabytes of
HTML. So the field takes the code as typed (it is on every document), and as a name or part of a code is typed
it lists the matching enterprises to pick from (``enterprises:suggest`` through htmx; picking fills in the
code, ``app.js``); the field checks the code and finds the record.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.enterprises import credit_code
from gaoxin.enterprises.models import Enterprise, LandParcel
from gaoxin.enterprises.validators import validate_credit_code


class EnterprisePicker(forms.TextInput):
    """A text input for the credit code that suggests enterprises as a name or part of a code is typed. No
    script of its own: htmx fetches the list, ``app.js`` fills in the code picked (``data-pick``)."""

    template_name = "enterprises/widgets/enterprise_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "autocomplete": "off",
                "hx-get": reverse_lazy("enterprises:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "next .suggestions",
                "hx-sync": "this:replace",
                **(attrs or {}),
            }
        )


class EnterpriseCodeField(forms.CharField):
    """An enterprise, typed as its 18-character unified social credit code or picked by name."""

    widget = EnterprisePicker

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Type the 18-character credit code, or a name or part of a code and pick the enterprise."
            ),
        )
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
