# Whether the enterprise's contact took a step, and the files each step carries (data["attachments"]): what
# the enterprise sees of its request's files is decided from them (workflow.disclose).

from django.db import migrations, models


def backfill(apps, schema_editor):
    """Steps taken by enterprise contacts are marked; each file a contact attached is listed by its step (the
    "attach" step of that name, else the request's creation). Files staff attached before stay internal."""
    RequestEvent = apps.get_model("servicedesk", "RequestEvent")
    Attachment = apps.get_model("servicedesk", "Attachment")
    RequestEvent.objects.filter(by__role="enterprise_contact").update(by_enterprise=True)
    own = Attachment.objects.filter(uploaded_by__role="enterprise_contact").order_by("uploaded_at", "id")
    for attachment in own.iterator():
        steps = RequestEvent.objects.filter(
            request_id=attachment.request_id, by_id=attachment.uploaded_by_id, by_enterprise=True
        )
        step = (
            steps.filter(action="attach", note=attachment.name, data__attachments__isnull=True).first()
            or steps.filter(action="create").first()
        )
        if step is not None:
            step.data = {**step.data, "attachments": [*step.data.get("attachments", []), attachment.pk]}
            step.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("servicedesk", "0004_plausible_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestevent",
            name="by_enterprise",
            field=models.BooleanField(default=False, verbose_name="taken by the enterprise"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
