"""The outbox's Event moves here from the notifications app. The table
(`notifications_event`), its indexes and its rows stay as they are: this migration only
tells Django's state where the model lives, and hands the model's content type (and so its
admin permissions) over to the new app."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_to_events(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="events", model="event").exists():
        ContentType.objects.filter(app_label="notifications", model="event").update(
            app_label="events"
        )


def content_type_to_notifications(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="notifications", model="event").exists():
        ContentType.objects.filter(app_label="events", model="event").update(
            app_label="notifications"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The table was created there and stays.
        ("notifications", "0003_submission_confirmed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Event",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(db_index=True, max_length=100, verbose_name="kind")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("transition", models.CharField(max_length=50, verbose_name="transition")),
                        ("source_state", models.CharField(max_length=30, verbose_name="from")),
                        ("target_state", models.CharField(max_length=30, verbose_name="to")),
                        ("comment", models.TextField(blank=True, verbose_name="comment")),
                        ("occurred_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="occurred at")),
                        ("processed_at", models.DateTimeField(blank=True, null=True, verbose_name="processed at")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="actor")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "domain event",
                        "verbose_name_plural": "domain events",
                        "db_table": "notifications_event",
                        "ordering": ["id"],
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="notificatio_content_453aa8_idx"),
                            models.Index(condition=models.Q(("processed_at__isnull", True)), fields=["occurred_at"], name="event_unprocessed_idx"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_events, content_type_to_notifications, elidable=True),
    ]
