from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0016_state_id_index")]

    operations = [
        migrations.AddIndex(
            model_name="municipalopinion",
            index=models.Index(
                fields=["municipality", "state", "assignee"],
                include=("due_date", "plan", "id"),
                name="opinion_inbox_idx",
            ),
        ),
    ]
