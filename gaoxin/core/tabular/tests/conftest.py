"""Run every tabular test in Chinese with this package's own translations (MESSAGES_zh.po).

The catalog is compiled with msgfmt (GNU gettext, which CI installs) into a temporary locale directory that is
put first in LOCALE_PATHS for this package's tests only, so the exact Chinese messages are checked whether or
not the snippet has been merged into the project catalog yet.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture(scope="package", autouse=True)
def tabular_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    root = tmp_path_factory.mktemp("locale")
    messages = root / "zh_Hans" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    source = Path(__file__).resolve().parents[1] / "MESSAGES_zh.po"
    (messages / "django.po").write_text(PO_HEADER + source.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(messages / "django.mo"), str(messages / "django.po")],
        check=True,
    )
    with override_settings(LOCALE_PATHS=[str(root), *settings.LOCALE_PATHS]):
        yield


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield
