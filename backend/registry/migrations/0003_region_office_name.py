from django.db import migrations, models

from backend.registry.reference_data import load_region_office


def forwards(apps, schema_editor):
    load_region_office(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="region",
            name="office_name",
            field=models.CharField(
                blank=True,
                help_text="The department that signs the e-mails of this region's calls, e.g. "
                "“Krajský úřad Libereckého kraje, odbor sociálních věcí”.",
                max_length=200,
                verbose_name="regional office",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
