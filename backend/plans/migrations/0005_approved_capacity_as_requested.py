"""Inclusions decided with the approved capacity left empty approved the requested one (the
register got that number): store it on the decision, as `plan_decide` now does."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def store_requested(apps, schema_editor):  # type: ignore[no-untyped-def]
    RegionalDecision = apps.get_model("plans", "RegionalDecision")
    DevelopmentPlan = apps.get_model("plans", "DevelopmentPlan")
    requested = DevelopmentPlan.objects.filter(pk=OuterRef("plan_id")).values(
        "capacity_requested"
    )[:1]
    RegionalDecision.objects.filter(
        approved_capacity__isnull=True, outcome__in=["included", "included_with_conditions"]
    ).update(approved_capacity=Subquery(requested))


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_list_order_indexes")]

    operations = [migrations.RunPython(store_requested, migrations.RunPython.noop)]
