"""The ``gaoxin`` command: Django's management commands under one name, with the zone's own on top.

gaoxin demo [--size small|large] [--no-serve]     a demo zone on SQLite, served on 127.0.0.1:8000
gaoxin serve                                      web server (gunicorn) and background worker
gaoxin import enterprises|years FILE [--dry-run] [--valid-only]
gaoxin export enterprises|years FILE
gaoxin backup FILE / gaoxin restore FILE          the embedded SQLite database and the uploads
gaoxin createadmin

A configuration that cannot work (no secret key in production, a database address that is not one, a database
that does not answer) ends the command with one translated line on stderr and exit status 2, not a traceback.
"""

from __future__ import annotations

import os
import sys

from gaoxin.core import startup


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args[:1] == ["demo"]:
        os.environ.setdefault("GAOXIN_DEMO", "1")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - loads the settings, where misconfiguration shows
    except ImproperlyConfigured as error:
        if str(error) not in startup.KNOWN:
            raise
        startup.fail(str(error))
    except OSError as error:
        startup.fail(
            startup.DATA_DIR_UNUSABLE,
            path=os.environ.get("GAOXIN_DATA_DIR", "./var"),
            reason=startup.first_line(error.strerror or str(error)),
        )
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(["gaoxin", *args])
    except OperationalError as error:
        if _database_answers():
            raise
        startup.fail(startup.DATABASE_UNREACHABLE, reason=startup.first_line(str(error)))


def _database_answers() -> bool:
    """Whether a fresh connection to the database can be opened (an error while it answers is not a
    configuration problem, and keeps its traceback)."""
    from django.db import OperationalError, connection

    connection.close()
    try:
        connection.ensure_connection()
    except OperationalError:
        return False
    return True


if __name__ == "__main__":
    main()
