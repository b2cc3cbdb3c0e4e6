# Optimistic concurrency for the REST API (issue 5): a version on plans and opinions.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_deadline_clock'),
    ]

    operations = [
        migrations.AddField(
            model_name='developmentplan',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Incremented on every change; send it back to detect concurrent changes.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='municipalopinion',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Incremented on every change; send it back to detect concurrent changes.', verbose_name='version'),
        ),
    ]
