"""The default admission scorecard (DOMAIN §4.3: investment intensity, tax per mu, plot ratio, energy,
environment, industry fit) and the default ranking rule, as shipped.

Plain data and one function over the model classes it is given: the data migration (0003, with its historical
models) and ``seeds.ensure_defaults`` (with the real ones) store the same defaults. Only what is missing is
added; a scorecard or rule the project office configured is never touched.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import models

SCORECARD_NAME = "标准地准入评估"
PASS_SCORE = "60"
CRITERIA: tuple[dict[str, Any], ...] = (
    {"key": "investment_intensity", "label": "固定资产投资强度", "unit": "万元/亩", "kind": "number",
     "direction": "higher", "threshold": "300", "points": "25", "veto": False},
    {"key": "tax_per_mu", "label": "亩均税收", "unit": "万元/亩", "kind": "number",
     "direction": "higher", "threshold": "30", "points": "25", "veto": False},
    {"key": "plot_ratio", "label": "容积率", "unit": "", "kind": "number",
     "direction": "higher", "threshold": "1.2", "points": "15", "veto": False},
    {"key": "energy_per_value_added", "label": "单位增加值能耗", "unit": "吨标煤/万元", "kind": "number",
     "direction": "lower", "threshold": "0.5", "points": "15", "veto": False},
    {"key": "environment", "label": "符合环保要求", "unit": "", "kind": "yes_no",
     "direction": "higher", "threshold": None, "points": "10", "veto": True},
    {"key": "industry_fit", "label": "符合产业导向", "unit": "", "kind": "yes_no",
     "direction": "higher", "threshold": None, "points": "10", "veto": True},
)  # fmt: skip

RANKING_WEIGHTS: dict[str, int] = {"start_rate": 25, "investment": 40, "milestones": 20, "issues_closed": 15}
RED_COUNT = 3
BLACK_COUNT = 3


def add_missing(scorecard_model: type[models.Model], ranking_rule_model: type[models.Model]) -> None:
    """Store the default scorecard if there is no scorecard at all, and the default rule if there is no rule."""
    if not scorecard_model._default_manager.exists():
        scorecard_model._default_manager.create(
            name=SCORECARD_NAME, criteria=copy.deepcopy(list(CRITERIA)), pass_score=PASS_SCORE
        )
    if not ranking_rule_model._default_manager.exists():
        ranking_rule_model._default_manager.create(
            weights=dict(RANKING_WEIGHTS), red_count=RED_COUNT, black_count=BLACK_COUNT
        )
