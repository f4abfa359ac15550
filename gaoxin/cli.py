"""The ``gaoxin`` command: Django's management commands under one name, with the zone's own on top.

gaoxin demo [--size small|large] [--no-serve]     a demo zone on SQLite, served on 127.0.0.1:8000
gaoxin serve                                      web server and background worker
gaoxin import enterprises|years FILE [--dry-run] [--valid-only]
gaoxin export enterprises|years FILE
gaoxin createadmin
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args[:1] == ["demo"]:
        os.environ.setdefault("GAOXIN_DEMO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gaoxin", *args])


if __name__ == "__main__":
    main()
