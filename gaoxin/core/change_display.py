"""The one formatter of the change log: every history on every page shows an entry through it.

A person reads field labels, names, choice labels, 是/否, local dates and numbers with separators — never a
field name, an id, a code, a Python list, dict or repr. Names of the objects a foreign key pointed at are
stored with the entry when it is written (``ChangeLogEntry.labels``), so a deleted object is still named.

JSON fields hold plain values or codes; a model says what the codes of such a field are with a class attribute
``change_log_codes = {"field": Codes(...)}`` (e.g. the responsibilities of a department are ``Capability``
codes, the sources of a yearly row map yearly fields to ``DataSource`` codes, the keys of a ranking's
components — also those of its nested objects — to their labels). Numbers in a JSON object show at most two
decimals, with the unit a declaration gives them; a ratio (``RATIO``) as a percentage, 0.19 as 19.00%. A year is
written as a year (2026, not 2,026): an integer field named ``year`` or ``…_year``, or one with the
``PLAUSIBLE_YEAR`` validators.

Codes whose names live in data (the indicators of a run's scheme, the steps of a project's plan) are declared
with ``Terms``: they are read when the entry is written and stored with it in ``labels``, as the names of
foreign keys are, so that an entry reads the same once the scheme or the plan has changed or gone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
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
RATIO = "ratio"  # the unit of a fraction, shown as a percentage: 0.19 → 19.00%
TERM_UNIT = "term"  # the unit of the term a figure belongs to (an indicator's 万元/亩, or RATIO)
PERCENT_SIGNS = ("%", "‰")  # units written right after the number


@dataclass(frozen=True)
class Term:
    """How a code whose name lives in data reads: its label, and the unit of the figures it names."""

    label: str
    unit: str = ""


@dataclass(frozen=True)
class Terms:
    """Names that live in data, read when an entry is written and stored with it (see the module's docstring).

    ``read(source)`` gives the terms of the object at ``of``, a path from the logged object to the one that
    defines them (``"run__scheme"``, ``"project"``); with ``of`` empty, ``read(None)`` gives terms that depend
    on no object (the inputs every active scheme declares). An entry whose source is not found stores none.
    """

    read: Callable[[Any], Mapping[str, Term | str]]
    of: str = ""


@dataclass(frozen=True)
class Codes:
    """What the items of a JSON list, or the keys and values of a JSON object, stand for.

    ``names``: a model (items or keys are its field names, shown by their labels; ``"self"`` for the model
    that declares it), a choices class, a mapping or a function from code to label; the keys of nested
    objects are named by the same ``names``, and numbers written as text in a declared object are shown as
    numbers. ``values``: what the codes among the values stand for (a choices class, a mapping
    or a function); when it is None and ``names`` is a model, each value is shown as that model's field shows
    it. ``terms``: names that live in data, looked up before ``names`` for keys and before ``values`` for
    values. ``units``: the unit of the figures under a key (``RATIO``; ``TERM_UNIT``, the unit of the term
    the figure belongs to: the key of the object around it, or the term a value of its object names; or a
    unit written after the number); a figure right under a term's key takes the term's unit. An object of a
    list is written ``title（the other parts）`` when ``title`` names one of its keys; keys in ``hidden`` are
    not shown (a key its label repeats); ``sentence`` writes each object of a list as the domain words it (an
    engine's reasons). ``changes``: the values are ``[before, after]`` pairs. A field that
    is not JSON but holds codes of a vocabulary defined elsewhere (a plan template's key) is declared with
    ``names`` alone.
    """

    names: Names = None
    values: Names = None
    terms: Terms | None = None
    units: Mapping[str, str] = dataclasses.field(default_factory=dict)
    title: str = ""
    hidden: frozenset[str] = frozenset()
    sentence: Callable[[Mapping[str, Any]], str] | None = None
    changes: bool = False


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
    if number.is_zero():
        number = abs(number)  # -0.0 reads 0
    if places is not None and number.as_tuple().exponent < -places:  # type: ignore[operator]
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
    return numberformat.format(Decimal(text), ".", grouping=3, thousand_sep=",", force_grouping=True)


def _percent(value: Any) -> str:
    """A fraction as a percentage with two decimals: 0.19 → 19.00%."""
    try:
        number = Decimal(str(value)) * 100
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    text = numberformat.format(
        abs(number) if number.is_zero() else number, ".", JSON_PLACES, 3, ",", force_grouping=True
    )
    return f"{text}%"


def _figure(value: Any, unit: str) -> str:
    """A number of a JSON object with its unit (``RATIO``: as a percentage)."""
    if unit == RATIO:
        return _percent(value)
    text = _number(value, JSON_PLACES)
    if not unit:
        return text
    return f"{text}{unit}" if unit in PERCENT_SIGNS else f"{text} {unit}"


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
        return replace(codes, names=model)
    return codes


def _is_numeric(item: Any, *, declared: bool) -> bool:
    """A number, or (in a declared object, whose values are figures, never codes or phone numbers) its text."""
    if isinstance(item, bool):
        return False
    if isinstance(item, int | float | Decimal):
        return True
    return declared and isinstance(item, str) and NUMERIC.match(item) is not None


def _terms(stored: Mapping[str, Any] | None) -> dict[str, Term]:
    """Terms as stored with an entry: code → label, or code → [label, unit]."""
    terms = {}
    for code, term in (stored or {}).items():
        if isinstance(term, list | tuple) and len(term) == 2:
            terms[str(code)] = Term(str(term[0]), str(term[1]))
        elif isinstance(term, str):
            terms[str(code)] = Term(term)
    return terms


def _stored(terms: Mapping[str, Term | str]) -> dict[str, Any]:
    """Terms as an entry stores them (see ``_terms``)."""
    stored: dict[str, Any] = {}
    for code, term in terms.items():
        if isinstance(term, Term):
            stored[str(code)] = [str(term.label), term.unit] if term.unit else str(term.label)
        else:
            stored[str(code)] = str(term)
    return stored


@dataclass(frozen=True)
class _Reader:
    """Reads the value of one declared field as its declaration says (``Codes``), with the terms stored for it."""

    codes: Codes
    terms: Mapping[str, Term]
    declared: bool

    @property
    def model(self) -> type[models.Model] | None:
        names = self.codes.names
        return names if isinstance(names, type) and issubclass(names, models.Model) else None

    def name(self, code: Any) -> str:
        term = self.terms.get(str(code))
        return term.label if term is not None else _code(self.codes.names, code)

    def whole(self, value: Any) -> str:
        if isinstance(value, list | tuple):
            return self.items(value)
        if isinstance(value, Mapping):
            return self.object(value, "；", None)
        return scalar(value)

    def items(self, items: Sequence[Any]) -> str:
        if any(isinstance(item, Mapping) for item in items):
            separator = "" if self.codes.sentence is not None else "；"  # sentences end with their own 。
            return separator.join(self.record(item) for item in items) or EMPTY
        return "、".join(self.name(item) for item in items) or EMPTY

    def record(self, record: Any) -> str:
        """An object of a list: the domain's sentence for it, or ``title（parts）``, or its parts."""
        if not isinstance(record, Mapping):
            return self.name(record)
        if self.codes.sentence is not None:
            return str(self.codes.sentence(record))
        scope = next(
            (
                term
                for item in record.values()
                if isinstance(item, str) and (term := self.terms.get(item)) is not None and term.unit
            ),
            None,
        )
        title = self.codes.title
        parts = {k: v for k, v in record.items() if k != title and k not in self.codes.hidden}
        body = self.object(parts, "，", scope) if parts else ""
        if not title or record.get(title) in (None, ""):
            return body or EMPTY
        return f"{self.name(record[title])}（{body}）" if body else self.name(record[title])

    def ordered(self, value: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """The keys in the order the declaration names them (a model's fields, a mapping's keys), the others
        after them as stored: PostgreSQL keeps the keys of a JSON object in an order of its own."""
        model, names = self.model, self.codes.names
        if model is not None:
            order = [f.name for f in model._meta.get_fields()]
        elif isinstance(names, Mapping):
            order = [str(key) for key in names]
        else:
            return list(value.items())
        rank = {key: index for index, key in enumerate(order)}
        return sorted(value.items(), key=lambda pair: rank.get(str(pair[0]), len(rank)))

    def object(self, value: Mapping[str, Any], separator: str, scope: Term | None) -> str:
        parts = []
        for key, item in self.ordered(value):
            if key in self.codes.hidden:
                continue
            if isinstance(item, Mapping) and item:  # 开工率（完成率：50.00%，已完成：1，应完成：2）
                inner = self.terms.get(str(key)) or scope
                parts.append(f"{self.name(key)}（{self.object(item, '，', inner)}）")
            else:
                parts.append(f"{self.name(key)}：{self.item(key, item, scope)}")
        return separator.join(parts) or EMPTY

    def unit(self, key: Any, scope: Term | None) -> str:
        unit = self.codes.units.get(str(key), "")
        if unit == TERM_UNIT:
            return scope.unit if scope is not None else ""
        if unit:
            return unit
        term = self.terms.get(str(key))
        return term.unit if term is not None else ""

    def item(self, key: Any, item: Any, scope: Term | None) -> str:
        """A value of an object: a pair, a list, a code's label, a year, a figure with its unit."""
        if self.codes.changes and isinstance(item, list | tuple) and len(item) == 2:
            return " → ".join(self.item(key, value, scope) for value in item)
        if isinstance(item, list | tuple):
            return self.items(item)
        if isinstance(item, Mapping):
            return self.object(item, "，", scope)
        if isinstance(item, str) and (term := self.terms.get(item)) is not None:
            return term.label
        if self.codes.values is not None and isinstance(item, str) and not NUMERIC.match(item):
            return _code(self.codes.values, item)
        model = self.model
        field = _field(model, str(key))
        if field is not None and (field.choices or is_year(field) or not _is_numeric(item, declared=True)):
            return value_text(model, str(key), item)
        if _is_year_key(key) and isinstance(item, int) and not isinstance(item, bool):
            return str(item)
        if _is_numeric(item, declared=self.declared):
            return _figure(item, self.unit(key, scope))
        return scalar(item)


def _json(
    model: type[models.Model] | None, name: str, value: Any, terms: Mapping[str, Any] | None = None
) -> str:
    codes = _declared(model, name)
    return _Reader(codes or Codes(), _terms(terms), declared=codes is not None).whole(value)


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


def value_text(
    model: type[models.Model] | None,
    name: str,
    value: Any,
    label: str | None = None,
    terms: Mapping[str, Any] | None = None,
) -> str:
    """How a person reads the value ``value`` of field ``name``; ``label`` is the name stored for a foreign key,
    ``terms`` those stored for the codes of a declared field (``Terms``)."""
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
        return _Reader(declared, _terms(terms), declared=True).name(value)
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
        return _json(model, name, value, terms)
    if is_year(field):
        return str(value)
    if isinstance(field, models.FloatField):  # an engine's figure: at most two decimals, as the pages show it
        return _number(value, JSON_PLACES)
    if isinstance(field, models.DecimalField | models.IntegerField):
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
    pgettext_lazy("change note", "answered"),
    pgettext_lazy("change note", "regrade"),
)
CODED_NOTE = re.compile(r"^(?P<code>[a-z_]+): (?P<text>.*)$", re.S)  # a code and words: "regrade: 核实后调整"


def note_text(note: str) -> str:
    """A note recorded as a code ("scored", "import" …) by its label, also before words ("regrade: …");
    a note in words as it is."""
    coded = CODED_NOTE.match(note)
    if coded is not None:
        return f"{pgettext(NOTE_CONTEXT, coded['code'])}：{coded['text']}"
    return pgettext(NOTE_CONTEXT, note) if note else ""


def shown(entry: ChangeLogEntry) -> ShownEntry:
    model = entry.content_type.model_class()
    labels = entry.labels or {}
    rows = []
    changes = entry.changes if isinstance(entry.changes, Mapping) else {}
    for name, values in changes.items():
        pair = values if isinstance(values, list | tuple) and len(values) == 2 else [None, values]
        stored = labels.get(name)
        if isinstance(stored, Mapping):  # the terms of a declared field
            old, new = (value_text(model, name, v, terms=stored) for v in pair)
        else:
            names = stored or [None, None]
            old, new = (value_text(model, name, v, n) for v, n in zip(pair, names, strict=True))
        if entry.action == ChangeAction.DELETE:
            old, new = "", old
        elif entry.action == ChangeAction.CREATE:
            old = ""
        rows.append(ShownChange(field_label(model, name), old, new))
    return ShownEntry(entry, rows, note_text(entry.note))


def _path_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model  # type: ignore[assignment]
    return model


def _sources(model: type[models.Model], of: str, rows: Sequence[tuple[Any, Mapping[str, Any]]]) -> list[Any]:
    """For each (pk, changes), the object at ``of`` from the logged object; from the changes when the logged
    object is gone (a deletion logged afterwards names its foreign keys)."""
    ids = {
        str(pk): source
        for pk, source in model._default_manager.filter(pk__in=[pk for pk, _ in rows]).values_list("pk", of)
    }
    first, _, rest = of.partition("__")
    for pk, changes in rows:
        if str(pk) in ids:
            continue
        pair = changes.get(first)
        ids[str(pk)] = (
            next((v for v in pair if v not in (None, "")), None) if isinstance(pair, list) else None
        )
        if rest and ids[str(pk)] is not None:
            related = _path_model(model, first)
            ids[str(pk)] = (
                related._default_manager.filter(pk=ids[str(pk)]).values_list(rest, flat=True).first()
            )
    found = _path_model(model, of)._default_manager.in_bulk([v for v in ids.values() if v is not None])
    return [found.get(ids[str(pk)]) for pk, _ in rows]


def terms_to_store(changes: Sequence[tuple[type[models.Model], Any, Any]]) -> list[dict[str, dict[str, Any]]]:
    """For each change (model, pk, field → [before, after]), the terms of its changed JSON fields that declare
    ``Terms`` (field → code → label), read now: one query per model and source, one read per source."""
    stored: list[dict[str, dict[str, Any]]] = [{} for _ in changes]
    by_field: dict[tuple[type[models.Model], str], list[int]] = {}
    for index, (model, _pk, values) in enumerate(changes):
        if not isinstance(values, Mapping):
            continue
        for name, codes in getattr(model, "change_log_codes", {}).items():
            if codes.terms is not None and name in values:
                by_field.setdefault((model, name), []).append(index)
    for (model, name), indexes in by_field.items():
        terms: Terms = model.change_log_codes[name].terms  # type: ignore[attr-defined]
        rows = [(changes[i][1], changes[i][2]) for i in indexes]
        sources = _sources(model, terms.of, rows) if terms.of else [None] * len(rows)
        read: dict[Any, dict[str, Any]] = {}
        for index, source in zip(indexes, sources, strict=True):
            if terms.of and source is None:
                continue
            key = None if source is None else source.pk
            if key not in read:
                read[key] = _stored(terms.read(source))
            stored[index][name] = read[key]
    return stored
