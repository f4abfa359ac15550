"""The ``gaoxin`` command's one line when it cannot start: translated from the catalog without Django."""

from __future__ import annotations

import pytest

from gaoxin.core import startup


def test_a_known_message_is_printed_in_chinese_and_the_status_is_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        startup.fail(startup.DATA_DIR_UNUSABLE, path="/srv/x", reason="Permission denied")
    assert exited.value.code == startup.EXIT_MISCONFIGURED
    assert (
        capsys.readouterr().err
        == "数据目录 /srv/x 无法使用（Permission denied）：请将 GAOXIN_DATA_DIR 设为可写的目录。\n"
    )


def test_a_message_without_parameters_keeps_a_percent_sign(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        startup.fail("100% unknown")
    assert capsys.readouterr().err == "100% unknown\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [("\n  first  \nsecond", "first"), ("", ""), ("  \n ", "")],
)
def test_first_line(text: str, line: str) -> None:
    assert startup.first_line(text) == line


def test_an_unknown_language_falls_back_to_the_msgid() -> None:
    assert startup.translate(startup.NO_SECRET_KEY, "xx") == startup.NO_SECRET_KEY
    assert startup.translate(startup.NO_SECRET_KEY) != startup.NO_SECRET_KEY
