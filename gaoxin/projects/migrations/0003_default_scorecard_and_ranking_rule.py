"""The default admission scorecard (DOMAIN §4.3: investment intensity, tax per mu, plot ratio, energy,
environment, industry fit) and the default ranking rule. A frozen copy: later changes are the project office's.
"""

from typing import Any

from django.db import migrations

CRITERIA: list[dict[str, Any]] = [
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
]  # fmt: skip


def add_defaults(apps: Any, schema_editor: Any) -> None:
    AdmissionScorecard = apps.get_model("projects", "AdmissionScorecard")
    RankingRule = apps.get_model("projects", "RankingRule")
    if not AdmissionScorecard.objects.exists():
        AdmissionScorecard.objects.create(name="标准地准入评估", criteria=CRITERIA, pass_score="60")
    if not RankingRule.objects.exists():
        RankingRule.objects.create(
            weights={"start_rate": 25, "investment": 40, "milestones": 20, "issues_closed": 15},
            red_count=3,
            black_count=3,
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_seed_stages")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
