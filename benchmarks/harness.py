"""Shared by the benchmarks: Django set-up on a scratch database, timing, and the closing JSON line."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def setup_django() -> str:
    """Configure Django on GAOXIN_DATABASE_URL, or on a fresh SQLite file; migrate; return the engine's name.

    Settings are those of production (DEBUG off: templates compiled once and cached), with a throwaway secret
    key and no redirect to HTTPS, the requests being made in-process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("GAOXIN_DEBUG", "0")
    os.environ.setdefault("GAOXIN_SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ.setdefault("GAOXIN_SSL_REDIRECT", "0")
    os.environ.setdefault("GAOXIN_TASKS_IMMEDIATE", "1")
    os.environ.setdefault("GAOXIN_ALLOWED_HOSTS", "testserver,localhost")  # requests made in-process
    if "GAOXIN_DATABASE_URL" not in os.environ and "GAOXIN_DATA_DIR" not in os.environ:
        os.environ["GAOXIN_DATA_DIR"] = tempfile.mkdtemp(prefix="gaoxin-bench-")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    return connection.vendor


def timed(function: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def report(
    *, name: str, value: float, unit: str, reference: str, reference_value: float, **extra: Any
) -> None:
    """The last line every benchmark prints; ratio = reference ÷ value (how many times better than the reference)."""
    print(
        json.dumps(
            {
                "name": name,
                "value": round(value, 4),
                "unit": unit,
                "reference": reference,
                "reference_value": round(reference_value, 4),
                "ratio": round(reference_value / value, 2) if value else None,
                **extra,
            },
            ensure_ascii=False,
        )
    )
