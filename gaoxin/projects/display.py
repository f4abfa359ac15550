"""The reasons of a project's light as sentences, dates written out (figures and dates themselves are shown by
``gaoxin.core.reports.display``, as every document shows them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.core.reports.display import long_date


def describe_reasons(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    """A stored ``Project.light_reasons`` list as sentences in the active language, dates written out
    (计划于2026年8月24日开工), as the map, the card and the bulletin show them."""
    return [translated(Message(reason["msgid"], _readable(reason.get("params", {})))) for reason in reasons]


def _readable(params: Mapping[str, Any]) -> dict[str, Any]:
    """The params of a reason with its date (stored as an ISO string) written out."""
    return {
        key: long_date(dt.date.fromisoformat(value)) if key == "date" else value
        for key, value in params.items()
    }
