"""The one message type: English text for logs, and the Django edge's rendering in the active language."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message, gettext_noop

LATER = gettext_noop("The %(later)s (%(later_date)s) cannot come before the %(earlier)s (%(earlier_date)s).")


def _order_problem() -> Message:
    return Message(
        LATER,
        {
            "later": Message(gettext_noop("planned completion")),
            "later_date": "2025-01-01",
            "earlier": Message(gettext_noop("planned construction start")),
            "earlier_date": "2026-01-01",
        },
    )


def test_the_text_without_a_translator_is_english_with_nested_messages_rendered() -> None:
    assert _order_problem().text() == (
        "The planned completion (2025-01-01) cannot come before the planned construction start (2026-01-01)."
    )


def test_the_text_passes_each_msgid_through_the_translator() -> None:
    catalog = {"%(n)s of %(what)s": "%(what)s：%(n)s", "apples": "苹果"}
    assert (
        Message("%(n)s of %(what)s", {"n": 3, "what": Message("apples")}).text(catalog.__getitem__)
        == "苹果：3"
    )


def test_a_message_without_parameters_is_formatted_too_so_a_doubled_percent_sign_is_one() -> None:
    assert Message("100%% sure").text() == "100% sure"


def test_a_message_is_immutable_and_compares_by_value() -> None:
    message = Message("The file is empty.")
    assert message == Message("The file is empty.", {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.msgid = "other"  # type: ignore[misc]


def test_translated_renders_in_the_active_language_nested_messages_too() -> None:
    with translation.override("zh-hans"):
        assert translated(_order_problem()) == (
            "计划竣工日期（2025-01-01）不能早于计划开工日期（2026-01-01）。"
        )
    with translation.override("en"):
        assert translated(_order_problem()) == _order_problem().text()
