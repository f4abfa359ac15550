"""Changes to schemes, grade policies and the further inputs schemes read."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.tabular.converters import control_character
from gaoxin.enterprises.models import Enterprise
from gaoxin.evaluation.models import EvaluationInput, GradePolicy, Scheme
from gaoxin.evaluation.shipped import shipped_texts


@transaction.atomic
def scheme_create(*, text: str, source_file: str = "", by: User | None) -> Scheme:
    """Store a new scheme version; the engine validates the text and every problem is reported."""
    scheme = Scheme(text=text, source_file=source_file, created_by=by if getattr(by, "pk", None) else None)
    scheme.read_text()
    if Scheme.objects.filter(name=scheme.name, version=scheme.version).exists():
        raise ValidationError(
            {
                "text": _(
                    "Scheme %(name)s version %(version)s exists already: give the new text another version."
                )
                % {"name": scheme.name, "version": scheme.version}
            }
        )
    with changelog.acting(by=by):
        scheme.save()
    return scheme


@transaction.atomic
def scheme_set_active(*, scheme: Scheme, active: bool, by: User | None) -> None:
    scheme.is_active = active
    with changelog.acting(by=by):
        scheme.save(update_fields=["is_active", "updated_at"])


def schemes_load_shipped(*, by: User | None) -> list[Scheme]:
    """The shipped schemes, stored if they are not yet (idempotent)."""
    stored = []
    for filename, text in shipped_texts():
        probe = Scheme(text=text)
        probe.read_text()
        existing = Scheme.objects.filter(name=probe.name, version=probe.version).first()
        stored.append(existing or scheme_create(text=text, source_file=filename, by=by))
    return stored


@transaction.atomic
def policy_save(
    *, policy: GradePolicy | None = None, data: Mapping[str, Any], by: User | None
) -> GradePolicy:
    return changelog.save_as(policy or GradePolicy(), data, by=by)


def _storable(values: Mapping[str, Any]) -> dict[str, Any]:
    """Input values as the JSON column can hold them: blank text and None mean "no value" (None, removed on
    merging); NaN, ±inf and text with control characters are refused by key, as JSON and PostgreSQL refuse them."""
    cleaned: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
            code = None if value is None else control_character(value)
            if code is not None:
                problems[key] = _("Contains the control character %(code)s.") % {"code": code}
        elif isinstance(value, float | Decimal) and not math.isfinite(value):
            problems[key] = _("Give a finite number.")
        cleaned[key] = value
    if problems:
        raise ValidationError(problems)
    return cleaned


@transaction.atomic
def inputs_save(
    *, enterprise: Enterprise, year: int, values: Mapping[str, Any], by: User | None
) -> EvaluationInput:
    """Set further inputs (flags) of one enterprise for one year; None removes a value."""
    row = EvaluationInput.objects.filter(enterprise=enterprise, year=year).first()
    row = row or EvaluationInput(enterprise=enterprise, year=year)
    merged = {**row.values, **{key: changelog.json_value(value) for key, value in _storable(values).items()}}
    row.values = {key: value for key, value in sorted(merged.items()) if value is not None}
    row.full_clean()
    with changelog.acting(by=by):
        row.save()
    return row


@transaction.atomic
def inputs_import(*, year: int, values: Mapping[int, Mapping[str, Any]], by: User | None) -> dict[str, int]:
    """Merge imported inputs into each enterprise's row for ``year`` (values given replace stored ones)."""
    existing = {
        row.enterprise_id: row for row in EvaluationInput.objects.filter(year=year, enterprise_id__in=values)
    }
    names = dict(Enterprise.objects.filter(pk__in=values).values_list("pk", "name"))
    created, updated, before = [], [], {}
    for enterprise_id, given in values.items():
        new = {key: value for key, value in _storable(given).items() if value is not None}
        row = existing.get(enterprise_id)
        if row is None:
            created.append(
                EvaluationInput(enterprise_id=enterprise_id, year=year, values=dict(sorted(new.items())))
            )
            continue
        merged = dict(sorted({**row.values, **new}.items()))
        if merged != row.values:
            before[row.pk] = row.values
            row.values, row.updated_at = merged, timezone.now()
            updated.append(row)
    EvaluationInput.objects.bulk_create(created)
    EvaluationInput.objects.bulk_update(updated, ["values", "updated_at"])
    changes = [
        changelog.Change(EvaluationInput, row.pk, "create", {"values": [None, row.values]}, "import",
                         f"{names.get(row.enterprise_id, row.enterprise_id)} {year}")
        for row in created
    ] + [
        changelog.Change(EvaluationInput, row.pk, "update", {"values": [before[row.pk], row.values]}, "import",
                         f"{names.get(row.enterprise_id, row.enterprise_id)} {year}")
        for row in updated
    ]  # fmt: skip
    changelog.record(changes, by=by)  # written in bulk, past the signals: the mechanism's bulk entry
    return {
        "created": len(created),
        "updated": len(updated),
        "unchanged": len(values) - len(created) - len(updated),
    }
