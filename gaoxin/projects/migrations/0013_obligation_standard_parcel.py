"""Obligations say whether they are a standard-parcel (标准地) commitment (filled by the next migration)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_obligations"),
    ]

    operations = [
        migrations.AddField(
            model_name="obligation",
            name="standard_parcel",
            field=models.BooleanField(
                db_index=True,
                default=False,
                editable=False,
                help_text="A control indicator of a standard parcel (标准地) the investor committed to.",
                verbose_name="standard-parcel commitment",
            ),
        ),
    ]
