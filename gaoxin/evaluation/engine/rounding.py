"""The engine's one rounding rule, as a polars expression and as plain Python (for the benchmark reference).

Scores round half away from zero. Values within ``TOLERANCE`` of a half in units of the last decimal
count as the half, so 2.675 (stored in binary as 2.67499999…) rounds to 2.68 as a person expects. Band
sizes are computed exactly with fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import polars as pl

from gaoxin.evaluation.engine.scheme import Band, BandRounding

TOLERANCE = 1e-9


def round_half_up(expr: pl.Expr, decimals: int) -> pl.Expr:
    scale = 10.0**decimals
    # the final round() only snaps the quotient to the double nearest the decimal (polars divides by a
    # constant as a multiplication by its reciprocal, which can land one unit in the last place away)
    magnitude = ((expr.abs() * scale + 0.5 + TOLERANCE).floor() / scale).round(decimals)
    return pl.when(expr >= 0).then(magnitude).otherwise(0.0 - magnitude)


def round_half_up_value(value: float, decimals: int) -> float:
    scale = 10.0**decimals
    magnitude = round(math.floor(abs(value) * scale + 0.5 + TOLERANCE) / scale, decimals)
    return magnitude if value >= 0 else 0.0 - magnitude


def _band_terms(band: Band, rounding: BandRounding) -> tuple[int, int, int]:
    """(a, b, d) with band count = (a × n + b) // d, exact integer arithmetic for ``upto`` = p/q percent."""
    share = band.upto or Fraction(0)
    p, q = share.numerator, share.denominator
    if rounding is BandRounding.FLOOR:
        return p, 0, 100 * q
    if rounding is BandRounding.CEIL:
        return p, 100 * q - 1, 100 * q
    return 2 * p, 100 * q, 200 * q  # half-up: floor(n·p/(100q) + 1/2)


def band_count_expr(size: pl.Expr, band: Band, rounding: BandRounding) -> pl.Expr:
    """The cumulative count of a percentile band for rankings of ``size`` firms, as an expression."""
    a, b, d = _band_terms(band, rounding)
    return (size.cast(pl.Int64) * a + b) // d


def band_counts(size: int, bands: Sequence[Band], rounding: BandRounding) -> tuple[int, ...]:
    """Cumulative number of firms within each percentile band for a ranking of ``size`` firms.

    ``size × upto ÷ 100`` is rounded as the scheme says; the last band (upto = 100) is always ``size``.
    """
    return tuple((size * a + b) // d for a, b, d in (_band_terms(band, rounding) for band in bands))
