"""Converters of text columns: free text, codes, choices from a list, yes/no."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from gaoxin.core.messages import gettext_noop
from gaoxin.core.tabular.converters.base import (
    _EXACT_INTEGER_LIMIT,
    _LINE_BREAKS,
    CellValue,
    Convert,
    Converter,
    Limits,
    _choice_key,
    _clean_code,
    _refuse_control,
    _tighter,
    _to_text,
    display_value,
)
from gaoxin.core.tabular.errors import ConversionError, gettext


class Text(Converter):
    """Free text, stripped; a number cell becomes its digits without ".0"."""

    width = 24

    def __init__(self, max_length: int | None = None, *, multiline: bool = False) -> None:
        self.max_length = max_length
        self.multiline = multiline

    def compile(self, scale: Decimal | None = None) -> Convert:
        max_length, multiline = self.max_length, self.multiline

        def convert(value: CellValue) -> str | None:
            text = value.strip() if type(value) is str else _to_text(value)
            if not text.isprintable():  # rare: only then look for what is not printable
                _refuse_control(text)
                if not multiline:
                    text = _LINE_BREAKS.sub(" ", text)
            if max_length is not None and len(text) > max_length:
                raise ConversionError(gettext_noop("is longer than %(limit)s characters"), limit=max_length)
            return text or None

        return convert

    def within(self, limits: Limits) -> Converter:
        length = _tighter(self.max_length, limits.max_length, upper=True)
        return Text(length, multiline=self.multiline)

    def describe(self) -> str:
        if self.max_length is None:
            return gettext("Text")
        return gettext("Text, at most %(limit)s characters") % {"limit": self.max_length}


class Code(Converter):
    """Identifiers kept as text: credit codes, certificate numbers, phone numbers, industry codes.

    Full-width characters become half-width, letters upper case, inner whitespace is removed, and a
    leading apostrophe (a CSV trick to force text) is dropped. A number cell gives its digits
    (13800000000.0 → "13800000000"). ``check`` receives the cleaned code and returns a msgid (without
    parameters) when the code is invalid, e.g. a failed check character.
    """

    width = 22

    def __init__(
        self, max_length: int | None = None, check: Callable[[str], str | None] | None = None
    ) -> None:
        self.max_length = max_length
        self.check = check

    def compile(self, scale: Decimal | None = None) -> Convert:
        max_length, check = self.max_length, self.check

        def convert(value: CellValue) -> str | None:
            if type(value) is str:
                code = value.strip().upper()
                if not (code.isascii() and code.isalnum()):
                    code = _clean_code(code)
            elif type(value) is float and value.is_integer() and 0 <= value < _EXACT_INTEGER_LIMIT:
                code = str(int(value))  # a phone number or code typed as a number
            else:
                code = _clean_code(_to_text(value))
            if not code:
                return None
            if not code.isprintable():
                _refuse_control(code)
            if max_length is not None and len(code) > max_length:
                raise ConversionError(gettext_noop("is longer than %(limit)s characters"), limit=max_length)
            if check is not None:
                problem = check(code)
                if problem is not None:
                    raise ConversionError(problem)
            return code

        return convert

    def describe(self) -> str:
        return gettext("Code, typed as text")


class Choice(Converter):
    """Labels users type ("规上") → stored codes ("above_scale"); codes themselves are accepted too.

    ``choices`` maps label → code, ``aliases`` further accepted labels → code. Matching ignores
    whitespace, case and full-width forms.
    """

    def __init__(self, choices: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> None:
        self.choices = dict(choices)
        self.aliases = dict(aliases or {})
        unknown = set(self.aliases.values()) - set(self.choices.values())
        if unknown:
            raise ValueError(f"aliases name unknown codes: {sorted(unknown)}")
        self.labels = {code: label for label, code in self.choices.items()}
        self.width = max(8, *(2 * len(label) + 4 for label in self.choices))

    def compile(self, scale: Decimal | None = None) -> Convert:
        lookup: dict[str, str] = {}
        for label, code in (*self.choices.items(), *self.aliases.items()):
            for name in (label, code):
                lookup[name] = code
                lookup[_choice_key(name)] = code
        allowed = "、".join(self.choices)

        def convert(value: CellValue) -> str | None:
            code = lookup.get(value) if type(value) is str else None
            if code is not None:
                return code
            text = _to_text(value)
            if not text:
                return None
            code = lookup.get(_choice_key(text))
            if code is None:
                raise ConversionError(
                    gettext_noop('"%(value)s" is not one of the allowed values: %(choices)s'),
                    value=display_value(value),
                    choices=allowed,
                )
            return code

        return convert

    def describe(self) -> str:
        return gettext("One of: %(choices)s") % {"choices": "、".join(self.choices)}

    def to_cell(self, value: object) -> object:
        return self.labels.get(str(value), value)

    def allowed_values(self) -> tuple[str, ...]:
        return tuple(self.choices)


_BOOLEANS = {
    **dict.fromkeys(("是", "y", "yes", "true", "1", "√", "✓", "对"), True),
    **dict.fromkeys(("否", "n", "no", "false", "0", "×", "✗", "x", "错"), False),
}


class Boolean(Converter):
    """是/否 (also Y/N, yes/no, true/false, 1/0, √/×, and boolean cells)."""

    width = 10

    def compile(self, scale: Decimal | None = None) -> Convert:
        def convert(value: CellValue) -> bool | None:
            if type(value) is str:
                result = _BOOLEANS.get(value)
                if result is not None:
                    return result
                key = _choice_key(value)
                if not key:
                    return None
                result = _BOOLEANS.get(key)
                if result is not None:
                    return result
            elif isinstance(value, bool):
                return value
            elif isinstance(value, float | int) and value in (0, 1):
                return value == 1
            raise ConversionError(gettext_noop('"%(value)s" is not yes or no'), value=display_value(value))

        return convert

    def describe(self) -> str:
        return gettext("Yes or no")

    def to_cell(self, value: object) -> object:
        return gettext("Yes") if value else gettext("No")

    def allowed_values(self) -> tuple[str, ...]:
        return (gettext("Yes"), gettext("No"))
