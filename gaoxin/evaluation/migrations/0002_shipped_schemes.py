"""Store the shipped schemes so that a fresh installation can run an evaluation at once."""

from django.db import migrations

from gaoxin.evaluation.engine import parse_scheme
from gaoxin.evaluation.models.schemes import text_hash
from gaoxin.evaluation.shipped import shipped_texts


def load(apps, schema_editor):
    Scheme = apps.get_model("evaluation", "Scheme")
    for filename, text in shipped_texts():
        scheme = parse_scheme(text)
        Scheme.objects.get_or_create(
            name=scheme.name,
            version=scheme.version,
            defaults={
                "text": text,
                "text_hash": text_hash(text),
                "year": scheme.year,
                "description": scheme.description.strip(),
                "source_file": filename,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
