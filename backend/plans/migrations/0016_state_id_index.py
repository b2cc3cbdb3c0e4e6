from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0015_inbox_index")]

    operations = [
        migrations.AddIndex(
            model_name="developmentplan",
            index=models.Index(fields=["state", "id"], name="plan_state_id_idx"),
        ),
    ]
