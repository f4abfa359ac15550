# The evidence attached to a data confirmation or an objection is an EvidenceFile: the service desk's request
# files were also named Attachment. The table is renamed, its rows kept.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0007_plausible_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="Attachment", new_name="EvidenceFile"),
        migrations.AlterModelOptions(
            name="evidencefile",
            options={
                "ordering": ["uploaded_at", "id"],
                "verbose_name": "evidence file",
                "verbose_name_plural": "evidence files",
            },
        ),
    ]
