"""The plans list as a table (CSV, XLSX): the columns and the rows, read in chunks."""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.core.exports import CHUNK_SIZE
from backend.plans.models import DevelopmentPlan

PLAN_COLUMNS: list[tuple[str, Any, int]] = [
    ("id", _("Plan"), 8),
    ("call", _("Call"), 36),
    ("provider", _("Provider"), 36),
    ("ico", _("IČ"), 10),
    ("service", _("Service"), 36),
    ("paragraph", _("§"), 6),
    ("kind", _("Kind of change"), 22),
    ("state", _("State"), 24),
    ("capacity_current", _("Current capacity"), 12),
    ("capacity_requested", _("Requested capacity"), 12),
    ("unit", _("Unit"), 14),
    ("orps", _("Territory (ORPs)"), 30),
    ("submitted_at", _("Submitted"), 18),
    ("decided_at", _("Decided"), 18),
]


def plan_rows(plans: QuerySet[DevelopmentPlan]) -> Iterator[Sequence[Any]]:
    """One row per plan of the (already filtered) queryset, read in chunks."""
    for plan in plans.prefetch_related("orps").iterator(chunk_size=CHUNK_SIZE):
        yield [
            plan.pk,
            plan.call.name,
            plan.provider.name,
            plan.provider.ico,
            plan.service.name,
            plan.service.service_type.paragraph,
            plan.get_kind_display(),
            plan.get_state_display(),
            plan.capacity_current,
            plan.capacity_requested,
            plan.get_capacity_unit_display(),
            ", ".join(orp.name for orp in plan.orps.all()),
            plan.submitted_at,
            plan.decided_at,
        ]
