# The file of a request is a RequestAttachment: the evaluation's evidence files were also named Attachment. The
# table is renamed, its rows kept; the change log's entries follow the renamed content type.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("servicedesk", "0005_event_by_enterprise_and_its_files"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="Attachment", new_name="RequestAttachment"),
        migrations.AlterModelOptions(
            name="requestattachment",
            options={
                "ordering": ["uploaded_at", "id"],
                "verbose_name": "request attachment",
                "verbose_name_plural": "request attachments",
            },
        ),
    ]
