"""Unified social credit code (统一社会信用代码), GB 32100-2015.

An 18-character code: registration authority (1), organisation category (1), administrative region of
the registering authority (6, GB/T 2260), the subject identifier (9, an organisation code per GB 11714
including its own check character) and a check character (1).

What is checked here, and why only that:

* length 18, alphabet ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (31 symbols; I, O, S, V and Z never occur) and
  the GB 32100 check character (weights 3^(i-1) mod 31, check = (31 - sum mod 31) mod 31);
* **not** the tables of registration authorities / organisation categories (positions 1-2), the region
  code (positions 3-8) nor the embedded GB 11714 check character (position 17). Those tables are amended
  as new registration authorities appear, and a code issued under a newer table must not be rejected as
  bad input. Only the checksum rule is stable, so only it decides validity.

Every single-character substitution of a valid code is detected: changing position i (1-17) by a
non-zero value d changes the weighted sum by d * w_i, and as 31 is prime and 0 < |d|, w_i < 31 this is
never 0 mod 31; the check character is a bijection of the sum mod 31. Adjacent transpositions of two
different characters within positions 1-17 are detected too (w_(i+1) - w_i = 2 * w_i is never 0 mod 31).

User-facing messages are English msgids returned with their parameters; the Django layer translates them.
"""

from gaoxin.core.messages import Message, gettext_noop

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18

_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}

# GB 11714-1997 organisation code: 8 body characters (digits 0-9 and letters A-Z valued 10-35),
# weights 3 7 9 10 5 8 4 2, check = 11 - (sum mod 11), with 10 -> "X" and 11 -> "0".
_ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORGANISATION_BODY_LENGTH = 8
_ORGANISATION_SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# "91": registered by market regulation (工商, "9"), category enterprise ("1"). Demo codes use the
# "MA" prefix of subject identifiers assigned since the 2015 reform, followed by 6 symbols (base 31).
_DEMO_PREFIX = "91"
_DEMO_SUBJECT_PREFIX = "MA"
_DEMO_SERIAL_SYMBOLS = 6
MAX_DEMO_SERIAL = len(ALPHABET) ** _DEMO_SERIAL_SYMBOLS - 1

_HALF_WIDTH = {code_point: code_point - 0xFEE0 for code_point in range(0xFF01, 0xFF5F)}
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Letters people type for digits that look the same; the code never contains these letters.
_LOOKALIKE_DIGITS = {"O": "0", "I": "1"}


def normalize(raw: str) -> str:
    """Canonical form of user input: full-width ASCII forms (０-９, Ａ-Ｚ…) to half-width, all whitespace
    (including the ideographic space) removed, ASCII letters upper-cased. Idempotent.
    """
    half_width = raw.translate(_HALF_WIDTH)
    return "".join(half_width.split()).translate(_ASCII_UPPER)


def _weighted_sum(first17: str) -> int:
    return sum(_VALUES[symbol] * weight for symbol, weight in zip(first17, WEIGHTS, strict=True))


def check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a code (already normalized).

    Raises ValueError if ``first17`` is not 17 characters of the code alphabet.
    """
    if len(first17) != LENGTH - 1 or any(symbol not in _VALUES for symbol in first17):
        raise ValueError(f"expected 17 characters of {ALPHABET!r}, got {first17!r}")
    return ALPHABET[-_weighted_sum(first17) % len(ALPHABET)]


def validate(code: str) -> Message | None:
    """None if ``normalize(code)`` is a valid credit code, else what is wrong with it."""
    code = normalize(code)
    if not code:
        return Message(gettext_noop("Enter the unified social credit code."), {})
    if len(code) != LENGTH:
        return Message(
            gettext_noop("A unified social credit code has 18 characters; this one has %(length)d."),
            {"length": len(code)},
        )
    for position, symbol in enumerate(code, start=1):
        if symbol in _VALUES:
            continue
        if symbol in _LOOKALIKE_DIGITS:
            return Message(
                gettext_noop(
                    "Character %(position)d of the unified social credit code is the letter %(character)s, "
                    "which is never used in these codes; it is probably the digit %(digit)s."
                ),
                {"position": position, "character": symbol, "digit": _LOOKALIKE_DIGITS[symbol]},
            )
        return Message(
            gettext_noop(
                "Character %(position)d of the unified social credit code, “%(character)s”, is not allowed: "
                "only digits and the capital letters A–Y except I, O, S, V and Z are used."
            ),
            {"position": position, "character": symbol},
        )
    if check_character(code[:-1]) != code[-1]:
        return Message(
            gettext_noop(
                "The last character of the unified social credit code does not match the check calculation; "
                "please look for a typing error."
            ),
            {},
        )
    return None


def is_valid(code: str) -> bool:
    return validate(code) is None


def organisation_check_character(body: str) -> str:
    """The GB 11714 check character for an 8-character organisation code body (digits, A-Z)."""
    if len(body) != _ORGANISATION_BODY_LENGTH or any(c not in _ORGANISATION_SYMBOLS for c in body):
        raise ValueError(f"expected 8 characters 0-9/A-Z, got {body!r}")
    total = sum(
        _ORGANISATION_SYMBOLS.index(c) * weight for c, weight in zip(body, _ORGANISATION_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_code(*, region: str = "330400", serial: int) -> str:
    """A valid, deterministic enterprise code for demo data and tests: one per (region, serial).

    ``91`` + the 6-digit region + ``MA`` + ``serial`` in 6 base-31 symbols + GB 11714 check character +
    GB 32100 check character. ``serial`` runs from 0 to MAX_DEMO_SERIAL.
    """
    if len(region) != 6 or not region.isascii() or not region.isdigit():
        raise ValueError(f"region must be a 6-digit administrative division code, got {region!r}")
    if not 0 <= serial <= MAX_DEMO_SERIAL:
        raise ValueError(f"serial must be between 0 and {MAX_DEMO_SERIAL}, got {serial}")
    symbols = []
    for _ in range(_DEMO_SERIAL_SYMBOLS):
        serial, value = divmod(serial, len(ALPHABET))
        symbols.append(ALPHABET[value])
    body = _DEMO_SUBJECT_PREFIX + "".join(reversed(symbols))
    first17 = _DEMO_PREFIX + region + body + organisation_check_character(body)
    return first17 + check_character(first17)
