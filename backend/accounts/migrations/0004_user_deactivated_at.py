"""When an account was deactivated, for the retention job. Accounts already inactive count
from this migration: none of them is anonymised sooner than the period after it."""

from django.db import migrations, models
from django.utils import timezone


def stamp_inactive(apps, schema_editor):
    apps.get_model("accounts", "User").objects.filter(
        is_active=False, deactivated_at__isnull=True
    ).update(deactivated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_absence")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="deactivated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="deactivated at"),
        ),
        migrations.RunPython(stamp_inactive, migrations.RunPython.noop),
    ]
