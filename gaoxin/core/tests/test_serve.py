"""``gaoxin serve``: web server and worker start together and stop together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return [int(p) for p in found]


@pytest.mark.skipif(sys.platform != "linux", reason="uses pgrep and signals")
def test_serve_answers_and_sigterm_stops_the_worker_too(tmp_path):
    port = free_port()
    env = {**os.environ, "GAOXIN_DEBUG": "1", "GAOXIN_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "GAOXIN_DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)  # process handling is under test: SQLite in tmp_path
    subprocess.run(
        [sys.executable, "-m", "gaoxin", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        workers = children_of(server.pid)
        assert workers, "the worker should run as a child of the server"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        time.sleep(0.5)
        assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        if server.poll() is None:
            server.kill()
