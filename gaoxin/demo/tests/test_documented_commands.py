"""After ``gaoxin demo`` in a directory, every documented command works from that directory with no settings;
a configuration that cannot work ends with one Chinese line and exit status 2, never a traceback.

Each command runs as a subprocess, as a newcomer would type it (README and docs/operations.md).
"""

from __future__ import annotations

import csv
import http.client
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gaoxin.evaluation.tests.test_cli import HEADER, ROWS
from gaoxin.evaluation.tests.zone import SCHEME

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals and gunicorn")


def environment(**extra: str) -> dict[str, str]:
    """The newcomer's environment: no GAOXIN_* or DJANGO_* variables; this checkout importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return {**env, **extra}


def gaoxin(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gaoxin", *args],
        cwd=cwd,
        env=environment(**extra),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def ok(cwd: Path, *args: str) -> str:
    done = gaoxin(cwd, *args)
    assert done.returncode == 0, f"gaoxin {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def login_page_status(port: int) -> int:
    deadline = time.monotonic() + 60
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/accounts/login/")
            return connection.getresponse().status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
        finally:
            connection.close()


def test_every_documented_command_works_after_the_demo_in_the_same_directory(tmp_path):
    ok(tmp_path, "demo", "--size", "tiny", "--no-serve")
    key = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600

    ok(tmp_path, "migrate")
    ok(tmp_path, "collectstatic", "--noinput")
    ok(tmp_path, "export", "enterprises", "enterprises.xlsx")
    ok(tmp_path, "export", "years", "years.xlsx")
    ok(tmp_path, "import", "enterprises", "enterprises.xlsx", "--dry-run")
    ok(tmp_path, "import", "years", "years.xlsx", "--dry-run")
    (tmp_path / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    with open(tmp_path / "data.csv", "w", newline="", encoding="utf-8") as data:
        csv.writer(data).writerows([HEADER, *ROWS])
    ok(tmp_path, "evaluate", "--scheme", "scheme.toml", "--data", "data.csv", "--out", "results.xlsx")
    assert (tmp_path / "results.xlsx").stat().st_size > 0
    assert "2026-03-09" in ok(tmp_path, "calendar", "due", "2026-03-02", "5")
    ok(tmp_path, "calendar", "show", "2026")
    ok(tmp_path, "createadmin", "--username", "zhuren", "--password", "Gaoxin-Admin-2026!", "--no-input")
    ok(tmp_path, "purge_uploads", "--quiet")
    ok(tmp_path, "servicedesk_scan", "--quiet")
    ok(tmp_path, "project_lights", "--quiet")
    ok(tmp_path, "investment_stale", "--quiet")
    ok(tmp_path, "backup", "backup.tar.gz")

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gaoxin", "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert login_page_status(port) == 200  # the demo's plain HTTP: no redirect to https
        assert gaoxin(tmp_path, "restore", "backup.tar.gz").returncode == 1  # not under a running server
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors.decode()
    ok(tmp_path, "restore", "backup.tar.gz")


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "未设置 GAOXIN_SECRET_KEY"),
        (
            {"GAOXIN_SECRET_KEY": "k" * 50, "GAOXIN_DATABASE_URL": "mysq1://x"},
            "GAOXIN_DATABASE_URL 不是可识别的",
        ),
        (
            {"GAOXIN_SECRET_KEY": "k" * 50, "GAOXIN_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"},
            "无法连接数据库",
        ),
    ],
)
def test_misconfiguration_is_one_chinese_line_and_status_2(tmp_path, variables, expected):
    done = gaoxin(tmp_path, "export", "enterprises", "enterprises.xlsx", **variables)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(expected)
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "enterprises.xlsx").exists()
