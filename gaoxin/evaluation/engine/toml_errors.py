"""A TOML syntax error as a translatable message: where it is (line, column) and what is wrong.

``tomllib`` raises English texts such as "Invalid value (at line 3, column 9)"; each known problem maps to a
msgid here, so the user reads it in their language. A problem this table does not know keeps its text.
"""

from __future__ import annotations

import re

from gaoxin.core.messages import Message, gettext_noop

_WHERE = re.compile(
    r"^(?P<problem>.*?)(?: \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\))?$"
)

# tomllib's messages (a prefix, for those that name a key or a character), most specific first
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("Cannot overwrite a value", gettext_noop("a value is given twice")),
    ("Cannot declare", gettext_noop("a table or key is declared twice")),
    ("Cannot mutate immutable namespace", gettext_noop("an inline table or array cannot be extended")),
    ("Cannot redefine namespace", gettext_noop("a table or key is declared twice")),
    ("Duplicate inline table key", gettext_noop("a key is given twice in an inline table")),
    ("Expected '=' after a key", gettext_noop("'=' is missing after a key")),
    ("Expected ']]' at the end", gettext_noop("']]' is missing at the end of an array-of-tables header")),
    ("Expected ']' at the end", gettext_noop("']' is missing at the end of a table header")),
    ("Expected newline or end of document", gettext_noop("only one key = value per line")),
    ("Invalid date or datetime", gettext_noop("invalid date or time")),
    ("Invalid hex value", gettext_noop("invalid escape sequence")),
    ("Escaped character is not a Unicode", gettext_noop("invalid escape sequence")),
    ("Unescaped '\\' in a string", gettext_noop("a backslash in a string must be doubled")),
    ("Invalid initial character for a key", gettext_noop("a key starts with a character keys cannot have")),
    ("Invalid statement", gettext_noop("the line is neither key = value nor a table header")),
    ("Invalid value", gettext_noop("invalid value (texts need quotes, numbers none)")),
    ("Unclosed array", gettext_noop("an array is not closed with ']'")),
    ("Unclosed inline table", gettext_noop("an inline table is not closed with '}'")),
    ("Unterminated string", gettext_noop("a string is not closed with its quote")),
    ("Found invalid character", gettext_noop("invalid character")),
    ("Illegal character", gettext_noop("invalid character")),
)


def toml_problem(text: str) -> Message:
    """The message for a ``tomllib.TOMLDecodeError`` text."""
    match = _WHERE.match(text.strip())
    problem = match.group("problem") if match else text
    msgid = next((msgid for prefix, msgid in _PROBLEMS if problem.startswith(prefix)), None)
    described: dict[str, object] = {"problem": problem}
    if msgid is not None:
        described = {"problem": Message(msgid, {})}
    if match and match.group("line"):
        return Message(
            gettext_noop("not valid TOML at line %(line)s, column %(column)s: %(problem)s"),
            {"line": int(match.group("line")), "column": int(match.group("column")), **described},
        )
    return Message(gettext_noop("not valid TOML: %(problem)s"), described)
