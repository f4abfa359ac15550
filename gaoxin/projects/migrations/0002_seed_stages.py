"""The stages of DOMAIN §4.1 (the project office changes them)."""

from django.db import migrations

STAGES = [
    ("reserve", "储备谋划", ""),
    ("negotiation", "洽谈", ""),
    ("signed", "签约", ""),
    ("registered", "注册", ""),
    ("land_granted", "供地", ""),
    ("started", "开工", "start"),
    ("under_construction", "在建", ""),
    ("completed", "竣工", "completion"),
    ("production", "投产", "production"),
    ("full_production", "达产", ""),
]


def seed(apps, schema_editor):
    Stage = apps.get_model("projects", "Stage")
    for position, (code, name, milestone) in enumerate(STAGES, 1):
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": position * 10, "milestone": milestone}
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
