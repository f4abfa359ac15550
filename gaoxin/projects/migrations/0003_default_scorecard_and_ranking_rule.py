"""The default admission scorecard and the default ranking rule (defined in gaoxin.projects.default_rules, which
``seeds.ensure_defaults`` uses too). Later changes are the project office's.
"""

from typing import Any

from django.db import migrations

from gaoxin.projects import default_rules


def add_defaults(apps: Any, schema_editor: Any) -> None:
    default_rules.add_missing(
        apps.get_model("projects", "AdmissionScorecard"), apps.get_model("projects", "RankingRule")
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_seed_stages")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
