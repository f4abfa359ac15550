"""How the documents show figures and reasons: amounts in 万元 with 2 decimals, percentages with 1 decimal, and
the stored reasons of a project's light translated."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext

TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal(100)


def wan(value: Decimal | None) -> str:
    """An amount in 万元: "1234.50"; "—" when unknown."""
    if value is None:
        return "—"
    return str(Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def percent(fraction: Decimal | None) -> str:
    """A fraction as a percentage with one decimal: 0.4567 → "45.7%"; "—" when unknown."""
    if fraction is None:
        return "—"
    return f"{(Decimal(fraction) * HUNDRED).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)}%"


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part / whole`` as a fraction; None without a positive whole."""
    if part is None or not whole or whole <= 0:
        return None
    return Decimal(part) / Decimal(whole)


def _msgid_and_params(reason: Any) -> tuple[str, Any]:
    if isinstance(reason, dict):
        return str(reason.get("msgid") or ""), reason.get("params")
    if isinstance(reason, list | tuple) and reason:
        return str(reason[0] or ""), reason[1] if len(reason) > 1 else None
    if isinstance(reason, str):
        return reason, None
    return "", None


def reason_text(reason: Any) -> str:
    """One stored reason — a [msgid, params] pair or a {"msgid", "params"} object — in the user's language;
    params that do not fit the message leave it unfilled rather than failing the document."""
    msgid, params = _msgid_and_params(reason)
    if not msgid:
        return ""
    text = gettext(msgid)
    if params:
        try:
            return text % (params if isinstance(params, dict) else tuple(params))
        except (KeyError, TypeError, ValueError):
            return text
    return text


def reason_texts(reasons: Any) -> list[str]:
    """The texts of a project's ``light_reasons`` (anything but a list gives none)."""
    if not isinstance(reasons, list):
        return []
    return [text for text in (reason_text(reason) for reason in reasons) if text]
