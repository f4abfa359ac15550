"""seeds.ensure_defaults: a database that lost the shipped scorecard and ranking rule gets them back; what the
project office configured stays as it is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaoxin.projects import seeds
from gaoxin.projects.models import AdmissionScorecard, RankingRule

pytestmark = pytest.mark.django_db


def test_restores_the_default_scorecard_and_ranking_rule() -> None:
    AdmissionScorecard.objects.all().delete()
    RankingRule.objects.all().delete()
    seeds.ensure_defaults()
    seeds.ensure_defaults()

    card = AdmissionScorecard.objects.get()
    assert (card.name, card.pass_score, card.is_active) == ("标准地准入评估", Decimal("60"), True)
    assert [(c["key"], c["points"], c["veto"]) for c in card.criteria] == [
        ("investment_intensity", "25", False),
        ("tax_per_mu", "25", False),
        ("plot_ratio", "15", False),
        ("energy_per_value_added", "15", False),
        ("environment", "10", True),
        ("industry_fit", "10", True),
    ]
    assert card.criteria[0] == {
        "key": "investment_intensity",
        "label": "固定资产投资强度",
        "unit": "万元/亩",
        "kind": "number",
        "direction": "higher",
        "threshold": "300",
        "points": "25",
        "veto": False,
    }
    rule = RankingRule.objects.get()
    assert rule.weights == {"start_rate": 25, "investment": 40, "milestones": 20, "issues_closed": 15}
    assert (rule.red_count, rule.black_count) == (3, 3)


def test_keeps_what_the_office_configured() -> None:
    AdmissionScorecard.objects.all().delete()
    RankingRule.objects.all().delete()
    card = AdmissionScorecard.objects.create(name="简易评分表", criteria=[], pass_score=50, is_active=False)
    rule = RankingRule.objects.create(weights={"investment": 100}, red_count=1, black_count=2)
    seeds.ensure_defaults()

    assert list(
        AdmissionScorecard.objects.values_list("pk", "name", "criteria", "pass_score", "is_active")
    ) == [(card.pk, "简易评分表", [], Decimal("50"), False)]
    assert list(RankingRule.objects.values_list("pk", "weights", "red_count", "black_count")) == [
        (rule.pk, {"investment": 100}, 1, 2)
    ]
