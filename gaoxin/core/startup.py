"""What the ``gaoxin`` command says when it cannot start: one translated line on stderr and exit status 2.

This runs before (or instead of) Django's settings, so it imports no Django: the settings raise
``ImproperlyConfigured`` with one of the messages below, and the command translates it with the standard
library's gettext from the project's own catalog.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import sys
from pathlib import Path
from typing import NoReturn

from gaoxin.core.messages import gettext_noop

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
EXIT_MISCONFIGURED = 2


NO_SECRET_KEY = gettext_noop(
    "GAOXIN_SECRET_KEY is not set: production needs a long random key in the environment "
    "(the demo keeps its own in the data directory; run `gaoxin demo` first for a trial)."
)
BAD_DATABASE_URL = gettext_noop(
    "GAOXIN_DATABASE_URL is not a database address gaoxin understands "
    "(postgres://user:password@host:5432/name or sqlite:///path)."
)
DATABASE_UNREACHABLE = gettext_noop(
    "The database cannot be reached (%(reason)s): check that it runs and that GAOXIN_DATABASE_URL "
    "names it correctly."
)
DATA_DIR_UNUSABLE = gettext_noop(
    "The data directory %(path)s cannot be used (%(reason)s): set GAOXIN_DATA_DIR to a writable directory."
)
KNOWN = (NO_SECRET_KEY, BAD_DATABASE_URL)


def translate(msgid: str, language: str = "zh_Hans") -> str:
    catalog = stdlib_gettext.translation("django", LOCALE_DIR, languages=[language], fallback=True)
    return catalog.gettext(msgid)


def first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def fail(msgid: str, **params: str) -> NoReturn:
    """Print one translated line on stderr and exit with status 2."""
    message = translate(msgid)
    sys.stderr.write((message % params if params else message) + "\n")
    raise SystemExit(EXIT_MISCONFIGURED)
