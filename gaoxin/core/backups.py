"""Backup and restore of an installation on the embedded SQLite database: the database and the uploaded files
(``MEDIA_ROOT``) in one ``.tar.gz``.

The database is copied with SQLite's online backup API, so the copy is consistent even while the web server and
the worker write. Restoring replaces the database and the files; it refuses while ``gaoxin serve`` runs on the
same data directory (``serve`` holds ``SERVER_LOCK`` there). PostgreSQL installations use ``pg_dump``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

DATABASE_MEMBER = "gaoxin.sqlite3"
MEDIA_MEMBER = "media"
MANIFEST_MEMBER = "backup.json"
FORMAT = 1
SERVER_LOCK = "serve.lock"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in the user's language."""


def sqlite_path() -> Path:
    database = settings.DATABASES["default"]
    if connections["default"].vendor != "sqlite":
        raise BackupError(
            _(
                "The database is PostgreSQL: back it up with pg_dump and restore it with pg_restore "
                "(docs/operations.md, “Backups”); copy the data directory's media/ beside it."
            )
        )
    return Path(database["NAME"])


@contextlib.contextmanager
def server_lock(data_dir: Path) -> Iterator[IO[str]]:
    """Held by ``gaoxin serve`` while it runs; ``restore`` refuses while someone holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / SERVER_LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BackupError(
                _("gaoxin serve is running on the data directory %(path)s: stop it (and any worker) first.")
                % {"path": data_dir}
            ) from error
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy while others write."""
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def backup(archive: Path) -> dict[str, int]:
    """Write the database and the uploaded files to ``archive`` (.tar.gz); returns what it holds."""
    database = sqlite_path()
    if not database.exists():
        raise BackupError(_("There is no database at %(path)s to back up.") % {"path": database})
    if archive.exists():
        raise BackupError(_("%(path)s exists already; name a new file.") % {"path": archive})
    media = Path(settings.MEDIA_ROOT)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent) as work:
        copy = Path(work) / DATABASE_MEMBER
        _copy_database(database, copy)
        files = [path for path in sorted(media.rglob("*")) if path.is_file()] if media.exists() else []
        manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "files": len(files)}
        (Path(work) / MANIFEST_MEMBER).write_text(json.dumps(manifest))
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(work) / MANIFEST_MEMBER, MANIFEST_MEMBER)
            tar.add(copy, DATABASE_MEMBER)
            for path in files:
                tar.add(path, f"{MEDIA_MEMBER}/{path.relative_to(media).as_posix()}")
        partial.replace(archive)
    return {"files": len(files), "bytes": archive.stat().st_size}


def restore(archive: Path) -> dict[str, int]:
    """Replace the database and the uploaded files with those in ``archive``."""
    database = sqlite_path()
    if not archive.is_file():
        raise BackupError(_("%(path)s is not a file.") % {"path": archive})
    data_dir = Path(settings.DATA_DIR)
    media = Path(settings.MEDIA_ROOT)
    with server_lock(data_dir), tempfile.TemporaryDirectory(dir=data_dir) as work:
        unpacked = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(unpacked, filter="data")  # no absolute paths, links out or devices
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(
                _("%(path)s is not a gaoxin backup (%(reason)s).") % {"path": archive, "reason": error}
            ) from error
        copy = unpacked / DATABASE_MEMBER
        if not (unpacked / MANIFEST_MEMBER).is_file() or not copy.is_file():
            raise BackupError(_("%(path)s is not a gaoxin backup.") % {"path": archive})
        with contextlib.closing(sqlite3.connect(copy)) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(_("The database in %(path)s is damaged.") % {"path": archive})
        connections.close_all()
        database.parent.mkdir(parents=True, exist_ok=True)
        _copy_database(copy, database)  # writes through SQLite, so the WAL of the old database is honoured
        restored = unpacked / MEDIA_MEMBER
        if media.exists():
            shutil.rmtree(media)
        if restored.exists():
            shutil.move(restored, media)
        else:
            media.mkdir(parents=True)
        files = sum(1 for path in media.rglob("*") if path.is_file())
    return {"files": files, "bytes": database.stat().st_size}
