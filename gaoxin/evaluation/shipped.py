"""The schemes shipped with gaoxin (``schemes/*.toml``), as texts to store in the database."""

from __future__ import annotations

from gaoxin.evaluation.engine.scheme_validation import SHIPPED_SCHEMES

SHIPPED_NAMES = ("zhejiang_above_scale", "below_scale", "whole_zone")


def shipped_texts() -> list[tuple[str, str]]:
    """(file name, TOML text) of each shipped scheme."""
    return [
        (f"{name}.toml", (SHIPPED_SCHEMES / f"{name}.toml").read_text(encoding="utf-8"))
        for name in SHIPPED_NAMES
    ]
