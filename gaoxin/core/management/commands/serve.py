from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


def serve(address: str, port: int, *, stdout: Any) -> None:
    """Start the background worker as a child process, then the web server in this one; stop both together."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "db_worker", "--no-reload", "--interval", "0.5"]
    )
    stdout.write(_("Background worker started (pid %(pid)d).") % {"pid": worker.pid})
    try:
        call_command("runserver", f"{address}:{port}", use_reloader=False, use_threading=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


class Command(BaseCommand):
    help = "Start the web server and the background worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--address", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        serve(options["address"], options["port"], stdout=self.stdout)
