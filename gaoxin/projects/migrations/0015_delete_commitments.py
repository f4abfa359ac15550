"""The standard-parcel commitments live on as obligations (migration 0014): their own tables go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0014_commitments_become_obligations"),
    ]

    operations = [
        migrations.DeleteModel(name="CommitmentCheck"),
        migrations.DeleteModel(name="Commitment"),
    ]
