"""``gaoxin serve``: gunicorn and the worker start together and stop together; a demo's data directory is served
on plain HTTP (production settings still redirect to HTTPS)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses /proc and signals")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants_of(pid: int) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    children = [int(p) for p in found]
    return children + [grandchild for child in children for grandchild in descendants_of(child)]


def command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def clean_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    return {**env, "GAOXIN_DATA_DIR": str(data_dir), **extra}


def get(port: int, path: str, deadline: float) -> http.client.HTTPResponse:
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
        finally:
            connection.close()


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_demo_data_directory_is_served_by_gunicorn_on_plain_http_and_sigterm_stops_everything(tmp_path):
    env = clean_environment(tmp_path)
    (tmp_path / "secret_key").write_text("k" * 60)  # what ``gaoxin demo`` leaves in its data directory
    (tmp_path / "secret_key").chmod(0o600)
    subprocess.run(
        [sys.executable, "-m", "gaoxin", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    port = free_port()
    server = start_server(env, port)
    try:
        deadline = time.monotonic() + 60
        login = get(port, "/accounts/login/", deadline)
        assert login.status == 200, login.getheader("Location")  # no redirect to https
        assert get(port, "/static/gaoxin/app.css", deadline).status == 200  # WhiteNoise
        processes = descendants_of(server.pid)
        lines = [command_line(pid) for pid in processes]
        assert any("gunicorn" in line for line in lines)
        assert any("db_worker" in line for line in lines)
        assert not any("runserver" in line for line in lines)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        time.sleep(0.5)
        assert [pid for pid in processes if Path(f"/proc/{pid}").exists()] == []
    finally:
        if server.poll() is None:
            server.kill()


def test_production_settings_redirect_plain_http_to_https(tmp_path):
    env = clean_environment(
        tmp_path, GAOXIN_SECRET_KEY="p" * 60, GAOXIN_ALLOWED_HOSTS="127.0.0.1,gaoxin.example.gov.cn"
    )
    subprocess.run(
        [sys.executable, "-m", "gaoxin", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    port = free_port()
    server = start_server(env, port)
    try:
        login = get(port, "/accounts/login/", time.monotonic() + 60)
        assert login.status == 301
        assert login.getheader("Location", "").startswith("https://")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
