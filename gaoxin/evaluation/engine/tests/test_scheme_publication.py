"""What a scheme says of its publication (title, length of 公示) and how a TOML syntax error is reported."""

from __future__ import annotations

import pytest

from gaoxin.evaluation.engine import SchemeError, parse_scheme
from gaoxin.evaluation.engine.tests.test_scheme_validation import VALID


def test_a_scheme_may_declare_its_title_and_a_longer_publicity() -> None:
    scheme = parse_scheme('title = "全区亩均效益评价"\npublicity_workdays = 7\n' + VALID)
    assert (scheme.title, scheme.publicity_workdays) == ("全区亩均效益评价", 7)
    assert (parse_scheme(VALID).title, parse_scheme(VALID).publicity_workdays) == ("", None)


def test_a_publicity_length_out_of_bounds_is_refused() -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme("publicity_workdays = 0\n" + VALID)
    assert [issue.path for issue in caught.value.issues] == ["publicity_workdays"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a = \nb = 1",
            "not valid TOML at line 1, column 5: invalid value (texts need quotes, numbers none)",
        ),
        ("[groups\n", "not valid TOML at line 1, column 8: ']' is missing at the end of a table header"),
        ('name = "x', "not valid TOML: a string is not closed with its quote"),
    ],
)
def test_a_toml_syntax_error_names_where_and_what_in_a_translatable_message(text: str, expected: str) -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text)
    (issue,) = caught.value.issues
    assert issue.message.text() == expected
    assert "Invalid" not in str(issue.message.params)  # tomllib's English text is not passed on
