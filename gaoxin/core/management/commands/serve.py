from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import jobs

PR_SET_PDEATHSIG = 1


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _die_with_parent() -> None:
    """In the worker (Linux): the kernel sends SIGTERM when the server process ends, however it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def serve(address: str, port: int, *, stdout: Any) -> None:
    """Start the background worker as a child process, then the web server in this one; stop both together
    (on Ctrl-C, on SIGTERM from a service manager, or when the server fails)."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    jobs.expire_stale()  # jobs a worker of an earlier run left behind
    worker = subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "db_worker", "--no-reload", "--interval", "0.5"],
        preexec_fn=_die_with_parent,  # safe: called before the server starts any thread
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
