from django.db import migrations


def store_shipped(apps, schema_editor):
    """Store the shipped schemes' versions a database does not hold yet (whole_zone 2025.3 renamed its groups:
    租赁厂房企业, 无自有土地且未租厂房企业); stored versions are left as they are."""
    from gaoxin.evaluation.engine import parse_scheme
    from gaoxin.evaluation.models.schemes import text_hash
    from gaoxin.evaluation.shipped import shipped_texts

    Scheme = apps.get_model("evaluation", "Scheme")
    for filename, text in shipped_texts():
        parsed = parse_scheme(text)
        Scheme.objects.get_or_create(
            name=parsed.name,
            version=parsed.version,
            defaults={
                "title": parsed.title,
                "text": text,
                "text_hash": text_hash(text),
                "year": parsed.year,
                "description": parsed.description.strip(),
                "source_file": filename,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ("evaluation", "0005_plausible_input_year"),
    ]

    operations = [
        migrations.RunPython(store_shipped, migrations.RunPython.noop),
    ]
