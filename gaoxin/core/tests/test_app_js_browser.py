"""app.js in Chromium under the Content-Security-Policy: what were inline handlers now work from the script file —
a select that submits its form on change (the language switch), the menu button of narrow screens."""

from __future__ import annotations

import pytest

from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_language_switch_and_the_menu_button(page, personas) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, personas.leader.username, PASSWORD)
    assert page.get_attribute("html", "lang") == "zh-hans"
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.get_attribute("html", "lang") == "en"
    page.set_viewport_size({"width": 600, "height": 800})
    assert not page.evaluate("document.body.classList.contains('nav-open')")
    page.click("[data-nav-toggle]")
    assert page.evaluate("document.body.classList.contains('nav-open')")
    assert problems == []
