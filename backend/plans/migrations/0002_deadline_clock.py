# Stop-the-clock and council deadlines (notifications, issue 4).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='developmentplan',
            name='clock_suspended_days',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='working days suspended'),
        ),
        migrations.AddField(
            model_name='developmentplan',
            name='returned_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='returned at'),
        ),
        migrations.AddField(
            model_name='municipalopinion',
            name='council_due',
            field=models.DateField(blank=True, null=True, verbose_name='council deadline'),
        ),
        migrations.AddIndex(
            model_name='municipalopinion',
            index=models.Index(fields=['state', 'council_due'], name='plans_munic_state_2c6b1f_idx'),
        ),
    ]
