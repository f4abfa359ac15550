"""The reports' cumulative figures (本年累计, 开工以来累计), filled for the reports already stored."""

from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.db import migrations, models

from gaoxin.projects.investment_progress import running_totals


def fill_running_totals(apps, schema_editor):
    MonthlyReport = apps.get_model("projects", "MonthlyReport")
    reports = MonthlyReport.objects.order_by("project_id", "year", "month").only(
        "project_id", "year", "month", "completed"
    )
    changed = []
    for _project, group in groupby(reports.iterator(chunk_size=2000), key=attrgetter("project_id")):
        months = list(group)
        for report, (ytd, since_start) in zip(
            months, running_totals((r.year, r.month, r.completed) for r in months), strict=True
        ):
            report.ytd_completed, report.since_start_completed = ytd, since_start
            changed.append(report)
    MonthlyReport.objects.bulk_update(changed, ["ytd_completed", "since_start_completed"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_default_scorecard_and_ranking_rule'),
    ]

    operations = [
        migrations.AddField(
            model_name='monthlyreport',
            name='since_start_completed',
            field=models.DecimalField(decimal_places=4, default=Decimal('0'), editable=False, max_digits=18, verbose_name='completed since the start through this month (10k yuan)'),
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='ytd_completed',
            field=models.DecimalField(decimal_places=4, default=Decimal('0'), editable=False, max_digits=18, verbose_name='completed this year through this month (10k yuan)'),
        ),
        migrations.RunPython(fill_running_totals, migrations.RunPython.noop),
    ]
