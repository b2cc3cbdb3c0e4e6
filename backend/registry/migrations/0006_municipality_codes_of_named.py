from django.db import migrations

from backend.registry.reference_data import load_municipality_codes


def forwards(apps, schema_editor):
    load_municipality_codes(apps)


class Migration(migrations.Migration):
    """The seat towns and the seed documents' municipalities get their ČSÚ codes, so that the
    import of ČSÚ's list (matched by code) updates them instead of adding namesakes."""

    dependencies = [("registry", "0005_field_labels")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
