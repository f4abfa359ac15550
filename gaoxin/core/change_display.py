"""The one formatter of the change log: every history on every page shows an entry through it.

A person reads field labels, names, choice labels, 是/否, local dates and numbers with separators — never a
field name, an id, a code, a Python list, dict or repr. Names of the objects a foreign key pointed at are
stored with the entry when it is written (``ChangeLogEntry.labels``), so a deleted object is still named.

JSON fields hold plain values or codes; a model says what the codes of such a field are with a class attribute
``change_log_codes = {"field": Codes(...)}`` (e.g. the responsibilities of a department are ``Capability``
codes, the sources of a yearly row map yearly fields to ``DataSource`` codes, the keys of a ranking's
components — also those of its nested objects — to their labels). Numbers in a JSON object show at most two
decimals. A year is written as a year (2026, not 2,026): an integer field named ``year`` or ``…_year``, or one
with the ``PLAUSIBLE_YEAR`` validators.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, numberformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from gaoxin.core.models import PLAUSIBLE_YEAR, ChangeAction, ChangeLogEntry

Names = type[models.Model] | type[models.Choices] | Mapping[str, Any] | Callable[[str], str] | str | None
EMPTY = "—"
JSON_PLACES = 2  # decimals of a number inside a JSON object
NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")
NOTE_CONTEXT = "change note"


@dataclass(frozen=True)
class Codes:
    """What the items of a JSON list, or the keys and values of a JSON object, stand for.

    ``names``: a model (items or keys are its field names, shown by their labels; ``"self"`` for the model
    that declares it), a choices class, a mapping
    or a function from code to label; the keys of nested objects are named by the same ``names``, and numbers
    written as text in a declared object are shown as numbers. ``values``: a choices class for the values of an object; when it is None
    and ``names`` is a model, each value is shown as that model's field shows it. A field that is not JSON but
    holds codes of a vocabulary defined elsewhere (a plan template's key) is declared with ``names`` alone.
    """

    names: Names = None
    values: type[models.Choices] | None = None


@dataclass(frozen=True)
class ShownChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ShownEntry:
    entry: ChangeLogEntry
    changes: list[ShownChange]
    note: str


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The label of a field, or of a related set (e.g. a run's results) by the related model's plural name."""
    field = _field(model, name)
    if field is None:
        return name
    if field.auto_created and not field.concrete:  # a reverse relation: named by what it holds
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def is_year(field: Any) -> bool:
    """Whether an integer field holds a year (written 2026, never 2,026)."""
    if not isinstance(field, models.IntegerField):
        return False
    return (
        field.name == "year"
        or field.name.endswith("_year")
        or any(v in field.validators for v in PLAUSIBLE_YEAR)
    )


def _is_year_key(key: Any) -> bool:
    return str(key) == "year" or str(key).endswith("_year")


def _number(value: Any, places: int | None = None) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if places is not None and number.as_tuple().exponent < -places:  # type: ignore[operator]
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
    return numberformat.format(Decimal(text), ".", grouping=3, thousand_sep=",", force_grouping=True)


def _datetime(value: Any) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "Y-m-d H:i")


def _date(value: Any) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return formats.date_format(day, "Y-m-d")


def _choice(choices: Any, value: Any) -> str:
    labels = {str(code): label for code, label in choices}
    label = labels.get(str(value))
    return str(label) if label is not None else str(value)


def _code(names: Names, value: Any) -> str:
    if names is None or value is None or value == "":
        return scalar(value)
    if isinstance(names, Mapping):
        return str(names.get(str(value), value))
    if isinstance(names, type) and issubclass(names, models.Model):
        return field_label(names, str(value)) if _field(names, str(value)) is not None else scalar(value)
    if isinstance(names, type) and issubclass(names, models.Choices):
        return _choice(names.choices, value)
    if callable(names):
        return str(names(str(value)))  # type: ignore[call-arg]
    return scalar(value)


def _declared(model: type[models.Model] | None, name: str) -> Codes | None:
    declared: Mapping[str, Codes] = getattr(model, "change_log_codes", {})
    codes = declared.get(name)
    if codes is not None and codes.names == "self":  # the model's own field names
        return Codes(model, codes.values)
    return codes


def _json_item(codes: Codes, key: Any, item: Any) -> str:
    """A value of a JSON object: a choice label, a nested object, a year, a number with at most two decimals."""
    if codes.values is not None:
        return _choice(codes.values.choices, item)
    if isinstance(item, list | tuple | Mapping):
        return _json_value(codes, item)
    model = codes.names if isinstance(codes.names, type) and issubclass(codes.names, models.Model) else None
    field = _field(model, str(key))
    if field is not None and (field.choices or is_year(field) or not _is_numeric(item, declared=True)):
        return value_text(model, str(key), item)
    if _is_year_key(key) and isinstance(item, int) and not isinstance(item, bool):
        return str(item)
    if _is_numeric(item, declared=codes.names is not None):
        return _number(item, JSON_PLACES)
    return scalar(item)


def _is_numeric(item: Any, *, declared: bool) -> bool:
    """A number, or (in a declared object, whose values are figures, never codes or phone numbers) its text."""
    if isinstance(item, bool):
        return False
    if isinstance(item, int | float | Decimal):
        return True
    return declared and isinstance(item, str) and NUMERIC.match(item) is not None


def _json_parts(codes: Codes, value: Mapping[str, Any], separator: str) -> str:
    return separator.join(
        f"{_code(codes.names, key)}：{_json_item(codes, key, item)}" for key, item in value.items()
    )


def _json_value(codes: Codes, value: Any) -> str:
    if isinstance(value, list | tuple):
        return "、".join(_code(codes.names, item) for item in value) or EMPTY
    if isinstance(value, Mapping):
        parts = [  # a nested object in brackets: 开工率（完成率：0.5，已完成：1，应完成：2）
            f"{_code(codes.names, key)}（{_json_parts(codes, item, '，')}）"
            if isinstance(item, Mapping) and item
            else _json_parts(codes, {key: item}, "")
            for key, item in value.items()
        ]
        return "；".join(parts) or EMPTY
    return scalar(value)


def _json(model: type[models.Model] | None, name: str, value: Any) -> str:
    return _json_value(_declared(model, name) or Codes(), value)


def scalar(value: Any) -> str:
    """A value of no known field: booleans as 是/否, numbers with separators, text as it is."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal):
        return _number(value)
    if isinstance(value, list | tuple | Mapping):
        return _json(None, "", value)
    return str(value)


def value_text(model: type[models.Model] | None, name: str, value: Any, label: str | None = None) -> str:
    """How a person reads the value ``value`` of field ``name``; ``label`` is the name stored for a foreign key."""
    if value is None or value == "":
        return EMPTY
    if label:
        return label
    field = _field(model, name)
    if field is None or (field.auto_created and not field.concrete):
        return scalar(value)
    if field.many_to_one or field.one_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return _("%(model)s (deleted)") % {"model": field.related_model._meta.verbose_name}
        return str(related)
    declared = _declared(model, name)
    if declared is not None and not isinstance(field, models.JSONField):
        return _code(declared.names, value)
    try:
        if field.choices:
            return _choice(field.flatchoices, value)
        if isinstance(field, models.BooleanField):
            return scalar(value in (True, "True", "true", 1))
        if isinstance(field, models.DateTimeField):
            return _datetime(value)
        if isinstance(field, models.DateField):
            return _date(value)
    except (TypeError, ValueError):
        return str(value)
    if isinstance(field, models.JSONField):
        return _json(model, name, value)
    if is_year(field):
        return str(value)
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
        return _number(value)
    return scalar(value)


# Notes the services record as codes (the log keeps the code; a person reads its label).
NOTE_CODES = (
    pgettext_lazy("change note", "scored"),
    pgettext_lazy("change note", "rescored"),
    pgettext_lazy("change note", "publicity"),
    pgettext_lazy("change note", "approved"),
    pgettext_lazy("change note", "published"),
    pgettext_lazy("change note", "accepted"),
    pgettext_lazy("change note", "rejected"),
    pgettext_lazy("change note", "import"),
    pgettext_lazy("change note", "light"),
)


def note_text(note: str) -> str:
    """A note recorded as a code ("scored", "import" …) by its label; a note in words as it is."""
    return pgettext(NOTE_CONTEXT, note) if note else ""


def shown(entry: ChangeLogEntry) -> ShownEntry:
    model = entry.content_type.model_class()
    labels = entry.labels or {}
    rows = []
    changes = entry.changes if isinstance(entry.changes, Mapping) else {}
    for name, values in changes.items():
        pair = values if isinstance(values, list | tuple) and len(values) == 2 else [None, values]
        names = labels.get(name) or [None, None]
        old, new = (value_text(model, name, v, n) for v, n in zip(pair, names, strict=True))
        if entry.action == ChangeAction.DELETE:
            old, new = "", old
        elif entry.action == ChangeAction.CREATE:
            old = ""
        rows.append(ShownChange(field_label(model, name), old, new))
    return ShownEntry(entry, rows, note_text(entry.note))
