"""Seed the working-day arrangements of the years the installed ``chinesecalendar`` knows (2004 to its last
release year); later years are entered by the administrator from the State Council notice."""

from django.db import migrations

from gaoxin.core.workcalendar import arrangement_from_chinesecalendar, chinesecalendar_years


def seed(apps, schema_editor):
    WorkdayArrangement = apps.get_model("core", "WorkdayArrangement")
    existing = set(WorkdayArrangement.objects.values_list("year", flat=True))
    rows = []
    for year in chinesecalendar_years():
        if year in existing:
            continue
        arrangement = arrangement_from_chinesecalendar(year)
        rows.append(
            WorkdayArrangement(
                year=year,
                holidays=sorted(d.isoformat() for d in arrangement.holidays),
                makeup_workdays=sorted(d.isoformat() for d in arrangement.makeup_workdays),
                holiday_names={d.isoformat(): arrangement.holiday_names[d] for d in sorted(arrangement.holiday_names)},
                source="chinesecalendar",
            )
        )
    WorkdayArrangement.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_workdayarrangement")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
