"""``gaoxin backup`` / ``gaoxin restore``: a consistent copy of the SQLite database and the uploads, taken while
a writer is busy, restored into a fresh data directory."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def gaoxin(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    env.update(GAOXIN_DATA_DIR=str(data_dir), GAOXIN_DEBUG="1")
    return subprocess.run(
        [sys.executable, "-m", "gaoxin", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def departments(database: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(database) as db:
        return db.execute("select id, code, name from accounts_department order by id").fetchall()


def test_a_backup_taken_while_writing_restores_into_a_fresh_data_directory(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    assert gaoxin(source, "migrate", "-v0").returncode == 0
    evidence = source / "media" / "servicedesk" / "2026" / "完税证明.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.7 evidence")
    database = source / "gaoxin.sqlite3"

    stop = threading.Event()
    written = []

    def write() -> None:
        db = sqlite3.connect(database, timeout=30)
        db.execute("pragma journal_mode=wal")
        n = 0
        while not stop.is_set():
            n += 1
            db.execute(
                "insert into accounts_department (code, name, short_name, capabilities, is_active, sort_order,"
                " created_at, updated_at) values (?, ?, '', '[]', 1, 0, datetime(), datetime())",
                (f"d{n}", f"部门{n}"),
            )
            db.commit()
            written.append(n)
        db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 50:
            stop.wait(0.01)
        archive = tmp_path / "backups" / "gaoxin.tar.gz"
        done = gaoxin(source, "backup", str(archive))
        before_end = len(written)
    finally:
        stop.set()
        writer.join()
    assert done.returncode == 0, done.stderr
    assert "1 个文件" in done.stdout

    restored = gaoxin(target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    rows = departments(target / "gaoxin.sqlite3")
    # a consistent snapshot: exactly the rows committed up to some moment while the writer was busy
    assert 50 <= len(rows) <= before_end
    assert rows == departments(database)[: len(rows)]
    assert (target / "media" / "servicedesk" / "2026" / "完税证明.pdf").read_bytes() == b"%PDF-1.7 evidence"
    assert gaoxin(target, "migrate", "--check").returncode == 0


def test_restore_refuses_while_the_server_runs_and_backup_does_not_overwrite(tmp_path):
    assert gaoxin(tmp_path, "migrate", "-v0").returncode == 0
    archive = tmp_path / "b.tar.gz"
    assert gaoxin(tmp_path, "backup", str(archive)).returncode == 0
    again = gaoxin(tmp_path, "backup", str(archive))
    assert again.returncode == 1
    assert "已存在" in again.stderr
    with open(tmp_path / "serve.lock", "a+") as held:  # what a running ``gaoxin serve`` holds
        fcntl.flock(held, fcntl.LOCK_EX)
        refused = gaoxin(tmp_path, "restore", str(archive))
    assert refused.returncode == 1
    assert "请先停止" in refused.stderr


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    assert gaoxin(tmp_path, "migrate", "-v0").returncode == 0
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"MZ not an archive")
    refused = gaoxin(tmp_path, "restore", str(bogus))
    assert refused.returncode == 1
    assert "不是 gaoxin 备份" in refused.stderr
    assert departments(tmp_path / "gaoxin.sqlite3") == []
