"""The Django edge of the pure spreadsheet layer: the settings' read limits, the active language."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.errors import TabularError, translate_with
from gaoxin.core.tabular_edge import import_limits, install


def test_the_limits_come_from_the_settings(settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 2
    settings.IMPORT_MAX_UNPACKED_MB = 7
    limits = import_limits()
    assert (limits.max_rows, limits.max_unpacked_bytes, limits.max_columns) == (2, 7 << 20, 200)


def test_the_package_speaks_the_active_language_once_installed() -> None:
    error = TabularError(Message(gettext_noop("The file is empty.")))
    try:
        translate_with(lambda msgid: msgid)
        with translation.override("zh-hans"):
            assert str(error) == "The file is empty."
    finally:
        install()
    with translation.override("zh-hans"):
        assert str(error) == "文件为空。"
