"""Django field validators wrapping the pure reference-data checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gaoxin.core.message_text import translated
from gaoxin.enterprises import credit_code, industry


def validate_credit_code(value: str) -> None:
    problem = credit_code.validate(value)
    if problem is not None:
        raise ValidationError(translated(problem), code="credit_code")


def validate_industry_code(value: str) -> None:
    if value and not industry.is_valid_class(value):
        raise ValidationError(
            _("Unknown industry code %(code)s (GB/T 4754-2017, four digits).") % {"code": value}
        )
