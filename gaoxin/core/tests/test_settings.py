"""Production settings: safe defaults, and Django's deployment checklist clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules.pop('pytest', None); from gaoxin.cli import main; main(['check', '--deploy', '--fail-level', 'WARNING'])",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_check(
        {
            "GAOXIN_SECRET_KEY": "x" * 60 + "production-key-with-enough-entropy-1234567890",
            "GAOXIN_DATA_DIR": str(tmp_path),
            "GAOXIN_ALLOWED_HOSTS": "gaoxin.example.gov.cn",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check({"GAOXIN_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "GAOXIN_SECRET_KEY" in result.stderr
