"""The default stages of a lead and reasons to pause or end one (a frozen copy of ``investment.seeds``)."""

from django.db import migrations

STAGES = [
    ("lead", "线索", 10, 5, ""),
    ("contact", "接洽", 20, 10, ""),
    ("inspection", "考察", 20, 20, ""),
    ("negotiation", "洽谈", 40, 35, ""),
    ("admission", "准入评审", 15, 60, "admission"),
    ("signed", "签约", 60, 100, "signing"),
    ("landed", "注册落地", 40, 100, "landing"),
    ("project", "转为项目", None, 100, "conversion"),
]
STOP_REASONS = [
    ("选址他处", "end"),
    ("资金不足", "both"),
    ("不符合准入", "end"),
    ("政策不匹配", "both"),
    ("投资方战略调整", "both"),
    ("等待土地或厂房", "pause"),
    ("其他", "both"),
]


def seed(apps, schema_editor):
    LeadStage = apps.get_model("investment", "LeadStage")
    StopReason = apps.get_model("investment", "StopReason")
    InvestmentRules = apps.get_model("investment", "InvestmentRules")
    for position, (code, name, workdays, probability, milestone) in enumerate(STAGES, 1):
        LeadStage.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": position * 10,
                "expected_workdays": workdays,
                "probability": probability,
                "milestone": milestone,
            },
        )
    for position, (name, applies_to) in enumerate(STOP_REASONS, 1):
        StopReason.objects.get_or_create(name=name, defaults={"applies_to": applies_to, "sort_order": position})
    if not InvestmentRules.objects.exists():
        InvestmentRules.objects.create()


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
