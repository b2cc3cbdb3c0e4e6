"""The plans list as a table (CSV, XLSX): the columns and the rows, read in chunks of plain
values."""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from django.db.models import Field, QuerySet
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from backend.plans.models import DevelopmentPlan
from backend.registry.models import Orp

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


# Plans read per round trip: a chunk of tuples is small, and the territory is read per chunk.
CHUNK_SIZE = 1000
# The row's values as the database returns them; labels of choices are looked up in Python.
_FIELDS = (
    "pk",
    "call__name",
    "provider__name",
    "provider__ico",
    "service__name",
    "service__service_type__paragraph",
    "kind",
    "state",
    "capacity_current",
    "capacity_requested",
    "capacity_unit",
    "submitted_at",
    "decided_at",
)


def plan_rows(plans: QuerySet[DevelopmentPlan]) -> Iterator[Sequence[Any]]:
    """One row per plan of the (already filtered and ordered) queryset.

    Read as tuples of plain values (`values_list`, chunk by chunk from a server-side cursor)
    and the territory of each chunk in one query: no model instances, so an export of
    100 000 plans holds one chunk of small tuples at a time (issue 23)."""
    labels = {name: _choices(name) for name in ("kind", "state", "capacity_unit")}
    rows = plans.select_related(None).values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(rows, CHUNK_SIZE)):
        orps = _orp_names([row[0] for row in chunk])
        for pk, call, provider, ico, service, paragraph, kind, state, *rest in chunk:
            current, requested, unit, submitted_at, decided_at = rest
            yield [
                pk,
                call,
                provider,
                ico,
                service,
                paragraph,
                _label(labels["kind"], kind),
                _label(labels["state"], state),
                current,
                requested,
                _label(labels["capacity_unit"], unit),
                ", ".join(orps.get(pk, ())),
                submitted_at,
                decided_at,
            ]


def _choices(name: str) -> dict[Any, Any]:
    field = DevelopmentPlan._meta.get_field(name)
    assert isinstance(field, Field)
    return dict(field.flatchoices)


def _label(choices: dict[Any, Any], value: Any) -> Any:
    """What `get_<field>_display()` shows: the choice's label, else the value itself."""
    return force_str(choices.get(value, value), strings_only=True)


def _orp_names(plan_ids: list[int]) -> dict[int, list[str]]:
    """{plan id: the names of its ORPs}, in the ORPs' order (`plan.orps.all()`)."""
    links = DevelopmentPlan.orps.through.objects.filter(developmentplan_id__in=plan_ids)
    names: dict[int, list[str]] = defaultdict(list)
    ordering = [
        f"-orp__{field[1:]}" if field.startswith("-") else f"orp__{field}"
        for field in Orp._meta.ordering or ()
        if isinstance(field, str)
    ]
    for plan_id, name in links.order_by(*ordering, "pk").values_list(
        "developmentplan_id", "orp__name"
    ):
        names[plan_id].append(name)
    return names
