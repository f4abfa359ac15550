"""``gaoxin serve``: the web application under gunicorn, and the background worker beside it.

gunicorn rather than Django's development server: several worker processes, each with a few threads, so that
one slow page (an export, a PDF) does not hold up the others and a crashed worker is replaced; it is the server
docs/operations.md runs in production, so the demo is served the way the zone will be. Static files come from
the application itself (WhiteNoise). gunicorn runs as a child process started afresh (not forked from this one,
which has loaded Django and polars' threads), beside the worker; this process only watches them: Ctrl-C or
SIGTERM stops both, and when either ends the other is stopped too.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import backups, jobs

PR_SET_PDEATHSIG = 1
WORKERS = 3
THREADS = 4
TIMEOUT_SECONDS = 120  # the longest a request may take (large exports), as behind nginx in production
GRACE_SECONDS = 10  # how long requests and a running task get to finish when stopping


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _die_with_parent() -> None:
    """In a child (Linux): the kernel sends SIGTERM when this process ends, however it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def gunicorn_command(address: str, port: int, *, workers: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"{address}:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--timeout", str(TIMEOUT_SECONDS), "--graceful-timeout", str(GRACE_SECONDS),
        "--name", "gaoxin", "--error-logfile", "-", "--log-level", "warning",
    ]  # fmt: skip


def _children_environment() -> dict[str, str]:
    """The same data directory (and demo mode) for the children, wherever they resolve paths."""
    env = {**os.environ, "GAOXIN_DATA_DIR": str(settings.DATA_DIR)}
    if getattr(settings, "DEMO", False):
        env["GAOXIN_DEMO"] = "1"
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=GRACE_SECONDS + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(address: str, port: int, *, stdout: Any, workers: int = WORKERS, threads: int = THREADS) -> None:
    """Start the background worker and gunicorn as child processes and wait; stop both together (on Ctrl-C,
    on SIGTERM from a service manager, or when either of them ends). While it runs, ``gaoxin restore``
    refuses to replace the data under it."""
    try:
        with backups.server_lock(settings.DATA_DIR):
            _serve(address, port, stdout=stdout, workers=workers, threads=threads)
    except backups.BackupError as error:
        raise CommandError(str(error)) from error


def _serve(address: str, port: int, *, stdout: Any, workers: int, threads: int) -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    jobs.expire_stale()  # jobs a worker of an earlier run left behind
    env = _children_environment()
    worker = subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "db_worker", "--no-reload", "--interval", "0.5"],
        env=env,
        preexec_fn=_die_with_parent,
    )
    stdout.write(_("Background worker started (pid %(pid)d).") % {"pid": worker.pid})
    web = subprocess.Popen(
        gunicorn_command(address, port, workers=workers, threads=threads),
        env=env,
        preexec_fn=_die_with_parent,
    )
    stdout.write(
        _(
            "Web server (gunicorn) on http://%(address)s:%(port)d/ with %(workers)d processes × %(threads)d threads."
        )
        % {"address": address, "port": port, "workers": workers, "threads": threads}
    )
    try:
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass  # Ctrl-C reached the children too; they are stopping
    finally:
        for process in (web, worker):
            _stop(process)
    if web.returncode not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise CommandError(_("The web server stopped with status %(status)d.") % {"status": web.returncode})


class Command(BaseCommand):
    help = "Start the web server (gunicorn) and the background worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--address", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=WORKERS, help="Web server processes.")
        parser.add_argument("--threads", type=int, default=THREADS, help="Threads in each process.")

    def handle(self, *args: Any, **options: Any) -> None:
        serve(
            options["address"],
            options["port"],
            stdout=self.stdout,
            workers=options["workers"],
            threads=options["threads"],
        )
